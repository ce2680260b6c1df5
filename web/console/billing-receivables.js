// Receivables: what clients still owe on invoices for services, aged by days since the invoice date, and the
// accountant's record of a bank transfer (in part or whole).
import { h, mount, state, toast, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { money } from "/shared/format.js";

function payForm(item, reload) {
  const amount = h("input", { class: "input input-small", type: "number", step: "0.01", min: "0.01", "aria-label": `Amount received for ${item.number}`,
    value: (item.outstanding / 100).toFixed(2), "data-pay-amount": item.number });
  const key = crypto.randomUUID(); // one click, however often it is retried
  return h("form", { class: "row", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const body = { key, amount: Math.round(Number(amount.value) * 100), received_on: new Date().toISOString().slice(0, 10), reference: "bank transfer" };
      const r = await api(`/invoices/${encodeURIComponent(item.invoice_id)}/payments`, { method: "POST", body });
      toast(`${item.number}: ${r.status}`);
      reload();
    } catch (error) { toast(`Could not record the payment: ${error.message}`); }
  } }, amount, h("button", { class: "btn btn-small", type: "submit", "data-pay": item.number }, "Mark paid"));
}

export function receivablesPage(route, { app }) {
  const result = h("div", {});
  const load = () => api("/receivables").then((r) => {
    const ageing = r.ageing.map((row) => ({ cells: [row.currency, ...r.buckets.map((b) => money(row.buckets[b], row.currency)), money(row.total, row.currency)] }));
    const items = r.items.map((i) => ({ cells: [i.number, i.organisation_id, i.issued_on, `${i.age_days} d`, i.bucket,
      money(i.total, i.currency), money(i.outstanding, i.currency), payForm(i, load)] }));
    mount(result,
      ageing.length ? dataTable("Ageing (days since the invoice date)", ["Currency", ...r.buckets, "Total"], ageing) : state.empty("Nothing is owed"),
      items.length ? dataTable("Open invoices", ["Invoice", "Client", "Issued", "Age", "Bucket", "Total", "Outstanding", ""], items) : null);
  }, (error) => mount(result, state.error(error, load)));
  load();
  mount(app, h("main", { class: "page stack", id: "main" }, h("h1", {}, "Receivables"), result));
}
