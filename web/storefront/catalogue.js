// The catalogue page, and the one cached list of products every shop page prices from.
import { h, mount, state } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { cart } from "./cart.js";
import { screenshot } from "./shots.js";
import { fromPrice } from "./pricing.js";

let loading = null;
export function products() {
  loading = loading || api("/products").then((page) => page.items).catch((error) => { loading = null; throw error; });
  return loading;
}

function card(product) {
  return h("a", { class: "card product-card", href: link(`/products/${encodeURIComponent(product.slug)}`) },
    screenshot(product, product.screenshots?.[0]?.layout || "dashboard", `${product.name} screenshot`),
    h("div", { class: "content" },
      h("h2", {}, product.name),
      h("p", { class: "muted", style: "margin:0" }, product.summary),
      h("div", { class: "row" }, (product.platform_versions || []).map((v) => h("span", { class: "chip" }, "Platform " + v))),
      h("div", { class: "price" }, fromPrice(product, cart.currency()) || "Not sold in " + cart.currency())));
}

export function cataloguePage(route, { app }) {
  const grid = h("div", {}, state.loading("Loading modules"));
  mount(app, h("main", { class: "page", id: "main" },
    h("section", { class: "hero" }, h("h1", {}, "Modules that make your shop work harder"),
      h("p", {}, "Exports, search, payments and more. Buy once with a year of updates, or subscribe monthly or yearly.")),
    h("section", { "aria-label": "Modules" }, grid)));
  const render = () => products().then((items) => mount(grid, items.length
    ? h("div", { class: "grid" }, items.map(card))
    : state.empty("No modules on sale yet", "Come back soon.")), (error) => mount(grid, state.error(error, render)));
  render();
  return render; // re-rendered when the currency changes
}
