// Sales report: invoices and credit notes summed in the accounting currency by product, customer or manager.
import { h, mount, state, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { money } from "/shared/format.js";
import { link } from "/shared/router.js";

const GROUPS = [["product", "Product"], ["customer", "Customer"], ["manager", "Manager"]];

function field(id, label, control) {
  return h("div", { class: "stack", style: "gap:4px" }, h("label", { for: id, class: "label small" }, label), control);
}

function report(r) {
  if (!r.rows.length) return state.empty("No invoices in this period", "Invoices count from the day they were issued.");
  const sum = (x) => money(x, r.currency);
  const rows = r.rows.map((row) => ({ cells: [row.label || row.key, String(row.documents), sum(row.net), sum(row.tax), sum(row.total)] }));
  rows.push({ class: "total-row", cells: [h("strong", {}, "Total"), "", sum(r.net), sum(r.tax), h("strong", {}, sum(r.total))] });
  return dataTable(`Sales by ${r.group}`, [GROUPS.find(([g]) => g === r.group)?.[1] || r.group, "Documents", "Net", "VAT", "Total"], rows);
}

export function reportsPage(route, { app }) {
  const today = new Date().toISOString().slice(0, 10);
  const q = route.query || {};
  const from = h("input", { id: "report-from", class: "input", type: "date", value: q.from || today.slice(0, 8) + "01" });
  const to = h("input", { id: "report-to", class: "input", type: "date", value: q.to || today });
  const group = h("select", { id: "report-group", class: "select" },
    GROUPS.map(([value, label]) => h("option", { value, selected: (q.group || "product") === value }, label)));
  const result = h("div", {});
  const load = () => {
    mount(result, state.loading("Summing invoices"));
    api("/reports/sales", { query: { from: from.value, to: to.value, group: group.value } })
      .then((r) => mount(result, h("p", { class: "small muted" }, `Amounts in ${r.currency}, at each invoice's exchange rate; credit notes count negative.`), report(r)),
        (error) => mount(result, state.error(error, load)));
  };
  const form = h("form", { class: "card", "aria-label": "Report period", style: "display:flex;gap:12px;align-items:end;flex-wrap:wrap",
    onsubmit: (event) => { event.preventDefault(); load(); } },
    field("report-from", "From", from), field("report-to", "To", to), field("report-group", "Group by", group),
    h("button", { class: "btn btn-primary", type: "submit" }, "Show"));
  mount(app, h("main", { class: "page stack", id: "main" }, h("div", { class: "spread" }, h("h1", {}, "Sales"),
    h("a", { href: link("/reports/csat"), class: "small", id: "csat-link" }, "Customer satisfaction")), form, result));
  load();
}
