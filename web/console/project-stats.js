// A project's statistics: open, overdue, lead and cycle time, time logged vs estimated, and SVG charts of
// throughput per week and tasks per status (drawn here: no chart library, no CDN).
import { h, mount, state } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";

const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

export function barChart(title, rows, { width = 560, height = 200 } = {}) {
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const gap = 8, left = 8, bottom = 36, top = 16;
  const bar = (width - left * 2) / Math.max(1, rows.length) - gap;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart" },
    svg("title", {}, title),
    ...rows.flatMap(([name, value], i) => {
      const x = left + i * (bar + gap), barHeight = ((height - bottom - top) * value) / max, y = height - bottom - barHeight;
      return [svg("rect", { x, y, width: bar, height: barHeight, rx: 3, class: "bar", "data-value": value }),
        svg("text", { x: x + bar / 2, y: y - 4, "text-anchor": "middle", class: "chart-value" }, value),
        svg("text", { x: x + bar / 2, y: height - bottom + 16, "text-anchor": "middle", class: "chart-label" }, name)];
    }));
  return h("figure", { class: "card" }, h("figcaption", { class: "label" }, title), chart);
}

const hours = (value) => (value === null || value === undefined ? "—" : `${value} h`);

export function figure(name, value, note = "") {
  return h("div", { class: "card stat" }, h("div", { class: "label small" }, name), h("div", { class: "stat-value" }, value), note ? h("div", { class: "faint small" }, note) : null);
}

export function statsPage(route, { app }) {
  const root = h("main", { class: "page stack", id: "main" }, state.loading("Counting"));
  mount(app, root);
  const load = () => api(`/projects/${route.key}/stats`).then((s) => mount(root,
    h("div", { class: "spread" }, h("h1", {}, `${s.project} statistics`), h("a", { href: link(`/projects/${s.project}`), class: "small" }, "← Board")),
    h("div", { class: "stats-grid" },
      figure("Open", String(s.open)), figure("Overdue", String(s.overdue), `${s.due_soon} due in 3 days`),
      figure("Lead time", hours(s.lead_time_hours), "median, created → done"), figure("Cycle time", hours(s.cycle_time_hours), "median, started → done"),
      figure("Time logged", `${Math.round(s.logged_minutes / 6) / 10} h`, `of ${Math.round(s.estimated_minutes / 6) / 10} h estimated · ${Math.round(s.billable_minutes / 6) / 10} h billable`)),
    barChart("Tasks done per week", s.throughput.map((w) => [w.week.slice(5), w.done])),
    barChart("Tasks per status", Object.entries(s.by_status).map(([k, v]) => [k.replace(/_/g, " "), v])),
    h("div", { class: "table-wrap" }, h("table", { class: "table" }, h("caption", {}, "Per assignee"),
      h("thead", {}, h("tr", {}, ["Assignee", "Open", "Done", "Logged"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, s.assignees.map((a) => h("tr", {}, h("td", {}, a.assignee || "unassigned"), h("td", {}, String(a.open)), h("td", {}, String(a.done)), h("td", {}, `${a.logged_minutes} min`))))))),
  (error) => mount(root, error.status === 404 ? state.empty("Project not found") : state.error(error, load)));
  load();
}
