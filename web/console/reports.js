// Reports (GET /reports/{sales|support|work|licenses}): filters, the previous period beside this one, a chart,
// and CSV/XLSX exports of the same rows. What a role sees is the API's decision; the tabs only mirror it.
import { h, mount, state, dataTable } from "/shared/dom.js";
import { api, apiFile } from "/shared/session.js";
import { money } from "/shared/format.js";
import { link } from "/shared/router.js";
import { comparisonChart } from "./report-chart.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const REPORTS = {
  sales: { title: "Sales", chart: "net", groups: ["product", "plan", "client", "manager", "country", "currency", "month", "kind"] },
  support: { title: "Support", chart: "in", groups: ["day", "agent", "mailbox", "priority", "month"], people: true },
  work: { title: "Work", chart: "hours", groups: ["employee", "client", "project", "day", "month"], people: true },
  licenses: { title: "Licenses", chart: "active", groups: ["product", "plan"] },
};
const REVENUE_ROLES = ["admin", "manager", "accountant"];
const NAMES = {
  net: "Net revenue", new: "New", renewal: "Renewals", refunds: "Refunds", lines: "Lines", in: "Tickets in",
  solved: "Solved", first_response_median: "First response (median)", first_response_p90: "First response (p90)",
  resolution_median: "Resolution (median)", resolution_p90: "Resolution (p90)", sla_compliance: "SLA met",
  csat_good: "CSAT good", csat_bad: "CSAT bad", csat_score: "CSAT score", hours: "Hours", minutes: "Minutes",
  billable_minutes: "Billable minutes", billable_ratio: "Billable", estimate_minutes: "Estimated", task_minutes: "Logged on tasks",
  estimate_ratio: "Actual / estimate", revenue: "Revenue", revenue_per_hour: "Revenue per hour", active: "Active",
  expiring: "Expiring", churned: "Churned", renewed: "Renewed", renewal_rate: "Renewal rate", mrr: "MRR", arr: "ARR",
  subscriptions_at_start: "Subscriptions at start", churned_subscriptions: "Churned subscriptions", churn_rate: "Churn rate",
  backlog: "Backlog (open now)", backlog_median_age_hours: "Backlog median age (h)", backlog_under_1d: "Open < 1 day",
  backlog_1_3d: "Open 1–3 days", backlog_3_7d: "Open 3–7 days", backlog_over_7d: "Open > 7 days",
};
const MONEY = new Set(["mrr", "arr"]), RATIOS = new Set(["churn_rate"]);
const ON_SCREEN = (c) => c.name !== "minutes"; // hours say the same; the exports keep both

function formatter(unit, currency) {
  return (v) => {
    if (v === null || v === undefined) return "—";
    if (unit === "money") return money(v, currency);
    if (unit === "ratio") return `${Math.round(v * 1000) / 10} %`;
    if (unit === "minutes") return v < 60 ? `${Math.round(v)} min` : `${Math.floor(v / 60)} h ${Math.round(v % 60)} min`;
    return String(v);
  };
}

function field(id, label, control) {
  return h("div", { class: "stack", style: "gap:4px" }, h("label", { for: id, class: "label small" }, label), control);
}

function cell(now, before, format) {
  return h("span", {}, format(now), h("div", { class: "faint small" }, "prev ", format(before)));
}

function result(r, download) {
  const columns = (r.columns || []).filter(ON_SCREEN), rows = r.rows || [];
  const fmt = Object.fromEntries(columns.map((c) => [c.name, formatter(c.unit, r.currency)]));
  const meta = h("p", { class: "small muted", id: "report-period" },
    `${r.from} – ${r.to}, compared with ${r.previous_from} – ${r.previous_to}. Money in ${r.currency} (minor units in exports).`);
  const summary = Object.entries(r.summary || {}).map(([name, value]) => {
    const format = MONEY.has(name) ? formatter("money", r.currency) : RATIOS.has(name) ? formatter("ratio") : formatter("count");
    return h("div", { class: "card stat", dataset: { figure: name } }, h("div", { class: "label small" }, NAMES[name] || name),
      h("div", { class: "stat-value" }, format(value)), h("div", { class: "faint small" }, "prev ", format((r.previous_summary || {})[name])));
  });
  const exports = h("div", { class: "row", style: "gap:8px" },
    h("button", { class: "btn", type: "button", id: "export-csv", onclick: () => download("csv") }, "Export CSV"),
    h("button", { class: "btn", type: "button", id: "export-xlsx", onclick: () => download("xlsx") }, "Export XLSX"));
  if (!rows.length) return [meta, summary.length ? h("div", { class: "stats-grid" }, summary) : null, state.empty("Nothing in this period", "Figures count from the day they happened."), exports];
  const chartOn = REPORTS[r.report].chart, chartUnit = (columns.find((c) => c.name === chartOn) || {}).unit;
  const chart = comparisonChart(`${NAMES[chartOn] || chartOn} by ${r.group_by}`,
    rows.map((row) => ({ label: row.key, now: row.values[chartOn], before: row.previous[chartOn] })), formatter(chartUnit, r.currency));
  const body = rows.map((row) => ({ cells: [row.key, ...columns.map((c) => cell(row.values[c.name], row.previous[c.name], fmt[c.name]))] }));
  body.push({ class: "total-row", cells: [h("strong", {}, "Total"), ...columns.map((c) => cell(r.totals[c.name], r.previous_totals[c.name], fmt[c.name]))] });
  const table = dataTable(`${REPORTS[r.report].title} by ${r.group_by}`, [r.group_by, ...columns.map((c) => NAMES[c.name] || c.name)], body);
  return [meta, summary.length ? h("div", { class: "stats-grid", id: "report-summary" }, summary) : null, chart, table, exports];
}

export function reportsPage(route, { app, me }) {
  const q = route.query || {};
  const revenue = (me && Array.isArray(me.roles)) ? me.roles.some((r) => REVENUE_ROLES.includes(r)) : true;
  const offered = Object.keys(REPORTS).filter((k) => revenue || REPORTS[k].people);
  const kind = offered.includes(q.report) ? q.report : offered[0];
  const spec = REPORTS[kind];
  const today = new Date().toISOString().slice(0, 10);
  const from = h("input", { id: "report-from", class: "input", type: "date", value: q.from || today.slice(0, 8) + "01" });
  const to = h("input", { id: "report-to", class: "input", type: "date", value: q.to || today });
  const group = h("select", { id: "report-group", class: "select" },
    spec.groups.map((g) => h("option", { value: g, selected: (q.group_by || spec.groups[0]) === g }, g)));
  const employee = h("input", { id: "report-employee", class: "input", type: "email", placeholder: "everyone", value: q.employee || "" });
  const output = h("div", { class: "stack", id: "report-result" });
  const params = (extra = {}) => ({ from: from.value, to: to.value, group_by: group.value, ...(spec.people && employee.value ? { employee: employee.value } : {}), ...extra });
  const download = (format) => apiFile(`/reports/${kind}`, { query: params({ format }), accept: format === "xlsx" ? XLSX : "text/csv" })
    .then(({ blob, name }) => {
      const a = h("a", { href: URL.createObjectURL(blob), download: name, style: "display:none" });
      document.body.append(a); a.click(); a.remove();
    }, (error) => mount(output, state.error(error)));
  const load = () => {
    mount(output, state.loading("Summing the period"));
    api(`/reports/${kind}`, { query: params() }).then((r) => mount(output, result(r, download)), (error) => mount(output, state.error(error, load)));
  };
  const tabs = h("nav", { class: "row", "aria-label": "Reports", style: "gap:12px" }, offered.map((k) =>
    h("a", { href: link("/reports", { report: k, from: from.value, to: to.value }), id: `report-tab-${k}`, "aria-current": k === kind ? "page" : null, class: k === kind ? "btn btn-primary" : "btn" }, REPORTS[k].title)));
  const form = h("form", { class: "card", "aria-label": "Report filters", style: "display:flex;gap:12px;align-items:end;flex-wrap:wrap",
    onsubmit: (event) => { event.preventDefault(); load(); } },
    field("report-from", "From", from), field("report-to", "To", to), field("report-group", "Group by", group),
    spec.people ? field("report-employee", "Employee", employee) : null,
    h("button", { class: "btn btn-primary", type: "submit" }, "Show"));
  mount(app, h("main", { class: "page stack", id: "main" }, h("div", { class: "spread" }, h("h1", {}, `Reports: ${spec.title}`),
    h("a", { href: link("/reports/csat"), class: "small", id: "csat-link" }, "Customer satisfaction")), tabs, form, output));
  load();
}
