// Billing for services: quotes, a client's billable time to approve, the month's drafts to approve, invoices
// (PDF, payment state). Amounts travel in minor units; the receivables page is billing-receivables.js.
import { h, mount, state, toast, badge, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { money } from "/shared/format.js";
import { link } from "/shared/router.js";

const month = () => new Date().toISOString().slice(0, 7);
const field = (id, label, control) => h("div", { class: "stack", style: "gap:4px" }, h("label", { for: id, class: "label small" }, label), control);
const input = (id, attrs = {}) => h("input", { id, class: "input", ...attrs });
const hours = (minutes) => `${(minutes / 60).toFixed(2)} h`;

async function openPdf(invoiceId, document = "invoice") {
  const link = await api(`/invoices/${encodeURIComponent(invoiceId)}/download`, { query: { format: "pdf", document } });
  window.open(link.url, "_blank", "noopener");
}

function quoteForm() {
  const org = input("quote-org", { placeholder: "org-…", required: true });
  const currency = input("quote-currency", { value: "EUR", maxlength: 3, size: 4, required: true });
  const what = input("quote-description", { value: "Development", required: true });
  const qty = input("quote-hours", { type: "number", step: "0.25", min: "0.25", value: "10", required: true });
  const rate = input("quote-rate", { type: "number", step: "0.01", min: "0", value: "80.00", required: true });
  const out = h("p", { class: "small", id: "quote-result" });
  return h("form", { class: "card stack", "aria-label": "New quote", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const line = { description: what.value, hours: qty.value, rate: Math.round(Number(rate.value) * 100) };
      const created = await api("/quotes", { method: "POST", body: { organisation: org.value.trim(), currency: currency.value.toUpperCase(), lines: [line] } });
      const sent = await api(`/quotes/${created.id}/send`, { method: "POST" });
      mount(out, `Quote ${sent.id} sent: ${money(sent.total, sent.currency)}, valid until ${sent.valid_until}.`);
      toast("Quote sent");
    } catch (error) { mount(out, h("span", { role: "alert" }, `Could not send the quote: ${error.message}`)); }
  } }, h("h2", {}, "New quote"), h("div", { class: "row", style: "gap:12px;flex-wrap:wrap;align-items:end" },
    field("quote-org", "Organisation", org), field("quote-currency", "Currency", currency), field("quote-description", "Line", what),
    field("quote-hours", "Hours", qty), field("quote-rate", "Rate per hour", rate),
    h("button", { class: "btn btn-primary", type: "submit", id: "quote-send" }, "Create and send")), out);
}

function timeCard(period) {
  const org = input("time-org", { placeholder: "org-…", required: true });
  const result = h("div", { id: "time-sheet" });
  const load = async () => {
    const sheet = await api("/billing/time", { query: { organisation: org.value.trim(), period: period() } });
    const rows = sheet.items.map((e) => ({ cells: [e.reference, e.description, e.by, hours(e.minutes), badge(e.state)] }));
    const approve = h("button", { class: "btn btn-primary btn-small", type: "button", id: "time-approve", onclick: async () => {
      const done = await api("/billing/time/approve", { method: "POST", body: { organisation: org.value.trim(), period: period() } });
      toast(`${done.approved} entries approved`);
      load();
    } }, "Approve all billable");
    mount(result, rows.length ? dataTable("Billable time", ["Task / ticket", "Title", "By", "Hours", "State"], rows) : state.empty("No billable time"),
      rows.some((r) => r.cells[4].textContent === "Pending") ? approve : null);
  };
  return h("form", { class: "card stack", "aria-label": "Billable time", onsubmit: (event) => { event.preventDefault(); load().catch((e) => mount(result, state.error(e))); } },
    h("h2", {}, "Billable time"), h("div", { class: "row", style: "gap:12px;align-items:end" }, field("time-org", "Organisation", org),
      h("button", { class: "btn", type: "submit", id: "time-load" }, "Show time")), result);
}

function draftsCard(period) {
  const result = h("div", { id: "drafts" });
  const show = (list) => {
    const rows = list.items.map((d) => ({ cells: [d.organisation_id, String(d.entries), money(d.net, d.currency), badge(d.status),
      d.status === "proposed"
        ? h("button", { class: "btn btn-small btn-primary", type: "button", "data-draft": d.id, onclick: async () => {
          try {
            const invoice = await api(`/invoices/drafts/${encodeURIComponent(d.id)}/approve`, { method: "POST" });
            toast(`Invoice ${invoice.number} issued and mailed`);
            refresh();
          } catch (error) { toast(`Could not approve: ${error.message}`); }
        } }, "Approve")
        : d.invoice_id ? h("span", { class: "row" },
          h("button", { class: "btn btn-small", type: "button", onclick: () => openPdf(d.invoice_id) }, "Invoice PDF"),
          h("button", { class: "btn btn-small", type: "button", onclick: () => openPdf(d.invoice_id, "act") }, "Act PDF")) : ""] }));
    const unpriced = list.unpriced.length ? h("p", { class: "small", role: "note" }, `No hourly rate yet: ${list.unpriced.join(", ")}`) : null;
    mount(result, rows.length ? dataTable(`Drafts for ${list.period}`, ["Client", "Entries", "Net", "Status", ""], rows) : state.empty("No drafts this month"), unpriced);
  };
  const refresh = () => api("/invoices/drafts", { query: { period: period() } }).then(show, (e) => mount(result, state.error(e)));
  const propose = h("button", { class: "btn", type: "button", id: "drafts-propose", onclick: () =>
    api("/invoices/drafts", { method: "POST", query: { period: period() } }).then(show, (e) => toast(e.message)) }, "Propose drafts from time");
  refresh();
  return [h("section", { class: "card stack", "aria-labelledby": "drafts-title" }, h("div", { class: "spread" }, h("h2", { id: "drafts-title" }, "Invoice drafts"), propose), result), refresh];
}

// An organisation's service orders (accepted or card-paid quotes), each leading to its page with its tasks.
function ordersCard() {
  const org = input("orders-org", { placeholder: "org-…", required: true });
  const result = h("div", { id: "service-orders" });
  const load = async () => {
    const quotes = (await api("/quotes", { query: { organisation: org.value.trim() } })).items.filter((q) => q.order_id);
    mount(result, quotes.length ? h("ul", { class: "plain-list" }, quotes.map((q) => h("li", {},
      h("a", { href: link(`/billing/orders/${encodeURIComponent(q.order_id)}`), "data-order": q.order_id }, q.order_label),
      ` · ${money(q.total, q.currency)} · `, badge(q.status)))) : state.empty("No service orders"));
  };
  return h("form", { class: "card stack", "aria-label": "Service orders", onsubmit: (event) => { event.preventDefault(); load().catch((e) => mount(result, state.error(e))); } },
    h("h2", {}, "Service orders"), h("div", { class: "row", style: "gap:12px;align-items:end" }, field("orders-org", "Organisation", org),
      h("button", { class: "btn", type: "submit", id: "orders-load" }, "Show orders")), result);
}

// The month's invoices with their payment state (paid by card in the cabinet, or marked on Receivables).
function invoicesCard(period) {
  const result = h("div", { id: "billing-invoices" });
  const refresh = () => api("/invoices", { query: { period: period() } }).then((list) => mount(result, list.items.length
    ? dataTable(`Invoices of ${period()}`, ["Invoice", "Client", "Total", "Status", ""], list.items.map((i) => ({ cells: [
      h("span", { class: "mono", "data-invoice": i.number }, i.number, i.credits_number ? h("span", { class: "muted" }, ` credits ${i.credits_number}`) : ""),
      i.buyer.company || i.buyer.name, money(i.total, i.currency),
      h("span", { "data-invoice-status": i.number }, badge(i.status)),
      h("button", { class: "btn btn-small", type: "button", onclick: () => openPdf(i.id) }, "PDF")] })))
    : state.empty("No invoices this month")), (e) => mount(result, state.error(e)));
  refresh();
  return [h("section", { class: "card stack", "aria-labelledby": "invoices-title" }, h("h2", { id: "invoices-title" }, "Invoices"), result), refresh];
}

export function billingPage(route, { app }) {
  const periodInput = input("billing-period", { type: "month", value: (route.query || {}).period || month() });
  const period = () => periodInput.value;
  const [drafts, refresh] = draftsCard(period);
  const [invoices, refreshInvoices] = invoicesCard(period);
  periodInput.addEventListener("change", () => { refresh(); refreshInvoices(); });
  mount(app, h("main", { class: "page stack", id: "main" },
    h("div", { class: "spread" }, h("h1", {}, "Billing"), h("a", { href: link("/billing/receivables"), id: "receivables-link" }, "Receivables")),
    field("billing-period", "Month", periodInput), quoteForm(), ordersCard(), timeCard(period), drafts, invoices));
}
