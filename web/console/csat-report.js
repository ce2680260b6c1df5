// Customer satisfaction report (GET /reports/csat): good and bad ratings given in a period, per agent (assigned
// when the ticket was solved), per mailbox, and in total; the score is good ratings as a percentage of all.
import { h, mount, state, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";

const score = (row) => (row.score === null ? "—" : `${row.score} %`);

function table(caption, first, rows, total) {
  const lines = rows.map((r) => ({ cells: [r.key || "nobody", String(r.good), String(r.bad), score(r)] }));
  lines.push({ class: "total-row", cells: [h("strong", {}, "Total"), String(total.good), String(total.bad), h("strong", {}, score(total))] });
  return dataTable(caption, [first, "Good", "Bad", "Score"], lines);
}

function report(r) {
  if (!r.total.good && !r.total.bad) return state.empty("No ratings in this period", "Ratings count from the day the customer gave them.");
  return h("div", { class: "stack" }, h("p", { class: "lead", id: "csat-total" }, `Score ${score(r.total)}: ${r.total.good} good, ${r.total.bad} bad`),
    table("Satisfaction by agent", "Agent", r.agents, r.total), table("Satisfaction by mailbox", "Mailbox", r.mailboxes, r.total));
}

export function csatReportPage(route, { app }) {
  const today = new Date().toISOString().slice(0, 10);
  const q = route.query || {};
  const from = h("input", { id: "csat-from", class: "input", type: "date", value: q.from || today.slice(0, 8) + "01" });
  const to = h("input", { id: "csat-to", class: "input", type: "date", value: q.to || today });
  const result = h("div", {});
  const load = () => {
    mount(result, state.loading("Counting ratings"));
    api("/reports/csat", { query: { from: from.value, to: to.value } }).then((r) => mount(result, report(r)), (error) => mount(result, state.error(error, load)));
  };
  const field = (input, label) => h("div", { class: "stack", style: "gap:4px" }, h("label", { for: input.id, class: "label small" }, label), input);
  const form = h("form", { class: "card", "aria-label": "Report period", style: "display:flex;gap:12px;align-items:end;flex-wrap:wrap",
    onsubmit: (event) => { event.preventDefault(); load(); } }, field(from, "From"), field(to, "To"), h("button", { class: "btn btn-primary", type: "submit" }, "Show"));
  mount(app, h("main", { class: "page stack", id: "main" }, h("div", { class: "spread" }, h("h1", {}, "Customer satisfaction"),
    h("a", { href: link("/reports"), class: "small" }, "Sales report")), form, result));
  load();
}
