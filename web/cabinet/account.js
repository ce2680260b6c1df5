// Orders, invoices (an invoice for services still owed is paid by card here) and notices (licenses: licenses.js).
import { h, mount, state, badge, dataTable, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day, money, when } from "/shared/format.js";
import { openDocument } from "/shared/documents.js";
import { taskProgress } from "./tasks.js";

function listPage(app, title, path, emptyText, render) {
  const body = h("div", {}, state.loading(`Loading ${title.toLowerCase()}`));
  mount(app, h("main", { class: "page reading stack", id: "main" }, h("h1", {}, title), body));
  const load = () => api(path).then((page) => mount(body, page.items.length ? render(page.items) : state.empty(`No ${title.toLowerCase()} yet`, emptyText)),
    (error) => mount(body, state.error(error, load)));
  load();
}

export function ordersPage(route, { app }) {
  listPage(app, "Orders", "/orders", "Modules you buy in the shop appear here.", (items) => dataTable("Orders",
    ["Order", "Date", "Items", "Total", "Status"],
    items.map((o) => ({ cells: [h("a", { href: `#/orders/${encodeURIComponent(o.id)}` }, o.label), day(o.created_at),
      h("div", {}, (o.items || []).map((i) => h("div", {}, `${i.quantity > 1 ? i.quantity + " × " : ""}${i.name || i.product} · ${i.edition}${i.plan ? " · " + i.plan : ""}`))),
      money(o.total, o.currency), badge(o.status)] }))));
  app.querySelector("main").append(taskProgress());
}

const OWED = ["unpaid", "partial"];

// An invoice for services still owed: pay what is left by card (Stripe Checkout, locally the payment page),
// which brings the client back here; the invoice shows paid once the payment is confirmed.
function payButton(invoice) {
  const button = h("button", { class: "btn btn-small btn-primary", type: "button", "data-pay-invoice": invoice.number, onclick: async () => {
    button.disabled = true;
    try {
      const session = await api(`/invoices/${encodeURIComponent(invoice.id)}/pay`, { method: "POST" });
      if (!/^https?:/.test(session.url)) throw new Error("unexpected payment address");
      location.assign(session.url);
    } catch (error) {
      toast(`Could not start the payment: ${error.message}`);
      button.disabled = false;
    }
  } }, "Pay by card");
  return button;
}

export function invoicesPage(route, { app }) {
  listPage(app, "Invoices", "/invoices", "Invoices appear after each payment.", (items) => dataTable("Invoices",
    ["Invoice", "Issued", "Net", "VAT", "Total", "Status", ""],
    items.map((i) => ({ cells: [h("span", { class: "mono", "data-invoice": i.number }, i.number || i.id, i.credits_number ? h("span", { class: "muted" }, ` credits ${i.credits_number}`) : ""), day(i.issued_at),
      i.net !== undefined ? money(i.net, i.currency) : "", i.tax !== undefined ? `${money(i.tax, i.currency)} (${i.tax_rate ?? 0} %)` : "",
      money(i.total, i.currency), badge(i.status),
      i.download ? h("span", { class: "row" },
        h("button", { class: "btn btn-small", type: "button", "aria-label": `Download ${i.number}`, onclick: () => openDocument(i.download) }, "Download"),
        h("button", { class: "btn btn-small", type: "button", "aria-label": `PDF of ${i.number}`, onclick: () => openDocument(`${i.download}?format=pdf`) }, "PDF"),
        OWED.includes(i.status) ? payButton(i) : null)
        : i.url ? h("a", { href: i.url, target: "_blank", rel: "noopener" }, "Download") : ""] }))));
}

export function noticesPage(route, { app }) {
  listPage(app, "Notices", "/notices", "Renewal reminders and important news appear here.", (items) => h("ul", { class: "list" }, items.map((n) =>
    h("li", { class: `notice-item${n.read ? "" : " unread"}` }, h("div", { style: "padding:12px 16px" },
      h("div", { class: "spread" }, h("strong", {}, n.title), h("time", { class: "faint small", datetime: n.created_at }, when(n.created_at))),
      h("p", { class: "muted", style: "margin:4px 0 0" }, n.text))))));
}
