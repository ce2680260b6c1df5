// The client's quotes: read, download the PDF, accept (a service order billed by the hour) or pay by card;
// an accepted or paid quote links its service order (service-order.js) with the work done for it.
import { h, mount, state, badge, dataTable, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day, money } from "/shared/format.js";
import { openDocument } from "/shared/documents.js";

export function quotesPage(route, { app }) {
  const body = h("div", {}, state.loading("Loading quotes"));
  mount(app, h("main", { class: "page reading stack", id: "main" }, h("h1", {}, "Quotes"), body));
  const load = () => api("/quotes").then((page) => mount(body, page.items.length ? dataTable("Quotes",
    ["Quote", "Valid until", "Lines", "Total (VAT excl.)", "Status", ""],
    page.items.map((q) => ({ cells: [h("span", { class: "mono" }, q.id), day(q.valid_until),
      h("div", {}, q.lines.map((l) => h("div", {}, l.hours ? `${l.description}: ${l.hours} h × ${money(l.rate, q.currency)}` : `${l.description}: ${money(l.amount, q.currency)}`))),
      money(q.total, q.currency), h("span", {}, badge(q.status), q.order_id ? [" ", h("a", { href: `#/service-orders/${encodeURIComponent(q.order_id)}`, "data-order": q.order_id }, q.order_label)] : null),
      h("span", { class: "row" },
        h("button", { class: "btn btn-small", type: "button", onclick: () => openDocument(`/quotes/${encodeURIComponent(q.id)}/download`) }, "PDF"),
        q.status === "sent" ? h("button", { class: "btn btn-small btn-primary", type: "button", "data-accept": q.id, onclick: async () => {
          try {
            const order = await api(`/quotes/${encodeURIComponent(q.id)}/accept`, { method: "POST" });
            toast(`Accepted: service order ${order.order_id}`);
            load();
          } catch (error) { toast(`Could not accept: ${error.message}`); }
        } }, "Accept") : null,
        q.status === "sent" ? h("button", { class: "btn btn-small", type: "button", "data-pay": q.id, onclick: async () => {
          try {
            const session = await api(`/quotes/${encodeURIComponent(q.id)}/pay`, { method: "POST" });
            if (!/^https?:/.test(session.url)) throw new Error("unexpected payment address");
            location.assign(session.url); // Stripe Checkout (locally the payment page) brings the client back here
          } catch (error) { toast(`Could not start the payment: ${error.message}`); }
        } }, "Pay by card") : null)] }))) : state.empty("No quotes yet", "Quotes your account manager sends you appear here.")),
  (error) => mount(body, state.error(error, load)));
  load();
}
