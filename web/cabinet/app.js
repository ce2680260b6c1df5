// Customer cabinet: single sign-on with the storefront, then tickets, orders, licenses, invoices and notices.
import { h, mount, state, initials } from "/shared/dom.js";
import { api, signIn, signOut, startSession, loadConfig } from "/shared/session.js";
import { startRouter } from "/shared/router.js";
import { ticketsPage, newTicketPage, ticketPage } from "./tickets.js";
import { ordersPage, invoicesPage, noticesPage } from "./account.js";
import { licensesPage } from "./licenses.js";
import { serversPage } from "./servers.js";
import { quotesPage } from "./quotes.js";
import { orderPage } from "./order.js";
import { serviceOrderPage } from "./service-order.js";
import { messengersPage } from "./messengers.js";

const app = document.getElementById("app");

function showUser(me) {
  const name = me.name || me.email;
  mount(document.getElementById("user"),
    h("span", { class: "avatar", "aria-hidden": "true" }, initials(name)),
    h("span", { class: "who small", title: name }, name),
    h("button", { class: "btn btn-ghost btn-small", type: "button", onclick: () => signOut() }, "Sign out"));
}

async function signedOut() {
  const { shopUrl } = await loadConfig();
  mount(app, h("main", { class: "welcome", id: "main" }, h("div", { class: "card stack" },
    h("h1", {}, "Your account"),
    h("p", { class: "muted" }, "Tickets, orders, licenses and invoices in one place. One sign-in for the shop and your account."),
    h("button", { class: "btn btn-primary", type: "button", onclick: () => signIn() }, "Sign in"),
    h("p", { class: "small" }, h("a", { href: shopUrl }, "Back to the shop")))));
}

function highlight(path) {
  const section = path.split("/")[1] || "tickets";
  document.querySelectorAll(".topnav a").forEach((a) =>
    a.dataset.section === (section === "tickets" ? "tickets" : section) ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current"));
}

async function main() {
  const user = await startSession();
  if (!user) return signedOut();
  const me = await api("/me").catch(() => ({ email: user.email, name: user.name || user.email }));
  showUser(me);
  document.getElementById("nav").hidden = false;
  document.getElementById("shop-link").href = (await loadConfig()).shopUrl;
  startRouter([
    ["/", ticketsPage], ["/tickets", ticketsPage], ["/tickets/new", newTicketPage], ["/tickets/:id", ticketPage],
    ["/orders", ordersPage], ["/orders/:id", orderPage], ["/licenses", licensesPage], ["/invoices", invoicesPage], ["/quotes", quotesPage], ["/service-orders/:id", serviceOrderPage], ["/notices", noticesPage],
    ["/servers", serversPage], ["/messengers", messengersPage],
  ], (page, route) => {
    highlight(route.path);
    if (!page) return mount(app, h("main", { class: "page", id: "main" }, state.empty("Page not found", "", h("a", { href: "#/" }, "Your tickets"))));
    page(route, { app, me });
  });
}

main().catch((error) => mount(app, h("main", { class: "page" }, state.error(error, () => location.reload()))));
