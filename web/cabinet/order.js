// One order in one place (GET /orders/:id): what was bought, its invoices, the licenses it issued and the
// tasks made from it. A foreign or unknown order answers 404 alike.
import { h, mount, state, badge, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day, money } from "/shared/format.js";
import { openDocument } from "/shared/documents.js";

const section = (title, rows, empty) => h("section", { class: "card stack", "aria-label": title }, h("h2", {}, title), rows.length ? rows : h("p", { class: "muted" }, empty));

export function orderPage(route, { app }) {
  const body = h("div", {}, state.loading("Loading the order"));
  mount(app, h("main", { class: "page reading stack", id: "main" }, h("a", { href: "#/orders" }, "← Orders"), body));
  const load = () => api(`/orders/${encodeURIComponent(route.id)}`).then(({ order, invoices, licenses, tasks }) => mount(body,
    h("h1", {}, order.label, " ", badge(order.status)),
    h("p", { class: "muted" }, `${day(order.created_at)} · ${money(order.total, order.currency)}`),
    section("Items", order.items.map((i) => h("p", {}, h("strong", {}, i.name || i.product), ` · ${i.quantity > 1 ? `${i.quantity} licenses · ` : ""}${i.edition} · ${i.plan} · ${i.domains.join(", ")} · ${money(i.amount, order.currency)}`)), ""),
    section("Invoices", invoices.length ? [dataTable("Invoices", ["Invoice", "Issued", "Total", ""], invoices.map((i) => ({ cells: [
      h("span", { class: "mono" }, i.number || i.id), day(i.issued_at), money(i.total, i.currency),
      i.download ? h("button", { class: "btn btn-small", type: "button", onclick: () => openDocument(i.download) }, "Download") : ""] })))] : [], "The invoice follows the payment."),
    section("Licenses", licenses.map((l) => h("p", {}, h("a", { href: "#/licenses" }, l.title), ` · ${l.domains.join(", ")} · `, badge(l.state))), "This order issued no new license."),
    section("Tasks", tasks.map((t) => h("p", {}, h("strong", {}, t.key), ` ${t.title} · `, badge(t.status))), "No work was planned from this order.")),
  (error) => mount(body, error.status === 404 ? state.empty("No such order", "", h("a", { href: "#/orders" }, "Your orders")) : state.error(error, load)));
  load();
}
