// Storefront: catalogue, product pages and cart for everyone; signed-in customers are recognised through
// single sign-on with the cabinet (one silent check per tab, so browsing stays fast).
import { h, mount, state } from "/shared/dom.js";
import { currentUser, loadConfig, signIn, startSession } from "/shared/session.js";
import { startRouter } from "/shared/router.js";
import { cart } from "./cart.js";
import { cataloguePage, products } from "./catalogue.js";
import { productPage } from "./product.js";
import { cartPage, thanksPage } from "./cart-page.js";
import { currenciesOf } from "./pricing.js";
import { downloadsPage } from "./downloads.js";

const app = document.getElementById("app");
const CHECKED = "helpdesk.shop.sso-checked";
let rerender = null;

function showCount() {
  const count = cart.lines().reduce((sum, l) => sum + l.quantity, 0);
  document.getElementById("cart-count").textContent = String(count);
  document.getElementById("cart-link").setAttribute("aria-label", `Cart, ${count} item${count === 1 ? "" : "s"}`);
}

async function currencyPicker() {
  const select = document.getElementById("currency");
  const codes = await products().then(currenciesOf, () => ["EUR"]);
  if (!codes.includes(cart.currency())) cart.setCurrency(codes[0] || "EUR");
  mount(select, codes.map((code) => h("option", { value: code, selected: code === cart.currency() }, code)));
  select.addEventListener("change", () => cart.setCurrency(select.value));
}

function showAccount(user, config) {
  mount(document.getElementById("account"), user
    ? h("a", { class: "btn btn-ghost", href: config.cabinetUrl, title: user.email }, "Your account")
    : h("button", { class: "btn", type: "button", onclick: () => signIn() }, "Sign in"));
}

async function main() {
  const config = await loadConfig();
  const silent = !sessionStorage.getItem(CHECKED);
  sessionStorage.setItem(CHECKED, "1");
  const user = await startSession({ silent }).catch(() => currentUser());
  showAccount(user, config);
  showCount();
  cart.onChange((what) => {
    showCount();
    // Re-draw for new prices, a removed line or another quantity; not while someone is typing a domain or choosing an edition.
    if (rerender && ["currency", "remove", "quantity"].includes(what)) rerender();
  });
  currencyPicker();
  startRouter([
    ["/", cataloguePage], ["/products/:slug", productPage], ["/cart", cartPage], ["/thanks", thanksPage],
    ["/downloads/:key", downloadsPage],
  ], (page, route) => {
    document.title = "Module Store";
    document.querySelectorAll(".topnav a").forEach((a) => route.path === "/" ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current"));
    if (!page) return mount(app, h("main", { class: "page", id: "main" }, state.empty("Page not found", "", h("a", { href: "#/" }, "All modules"))));
    rerender = page(route, { app, config, user }) || null;
    window.scrollTo(0, 0);
  });
}

main().catch((error) => mount(app, h("main", { class: "page" }, state.error(error, () => location.reload()))));
