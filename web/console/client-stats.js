// One client's statistics across its projects (GET /organisations/:id/project-stats): figures, each project's
// counts, and SVG charts of throughput per week and work per assignee.
import { h, mount, state } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { barChart, figure } from "./project-stats.js";

const hours = (minutes) => `${Math.round(minutes / 6) / 10} h`;

function table(caption, columns, rows) {
  return h("div", { class: "table-wrap" }, h("table", { class: "table" }, h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => h("td", {}, c)))))));
}

export function clientStatsPage(route, { app }) {
  const id = encodeURIComponent(route.id);
  const root = h("main", { class: "page stack", id: "main" }, state.loading("Counting"));
  mount(app, root);
  const draw = (s) => mount(root,
    h("div", { class: "spread" }, h("h1", { id: "client-stats-title" }, "Client statistics"),
      h("a", { href: link(`/organisations/${id}`), class: "small" }, "← Organisation")),
    h("div", { class: "stats-grid" },
      figure("Projects", String(s.projects.length)), figure("Open", String(s.open)), figure("Overdue", String(s.overdue)),
      figure("Time logged", hours(s.logged_minutes), `of ${hours(s.estimated_minutes)} estimated`)),
    barChart("Tasks done per week, all projects", s.throughput.map((w) => [w.week.slice(5), w.done])),
    barChart("Tasks done per assignee", s.assignees.map((a) => [a.assignee ? a.assignee.split("@")[0] : "unassigned", a.done])),
    table("Per project", ["Project", "Open", "Overdue", "Done", "Logged"], s.projects.map((p) => [
      h("a", { href: link(`/projects/${encodeURIComponent(p.project)}/stats`) }, h("span", { class: "mono" }, p.project), " ", p.name),
      String(p.open), String(p.overdue), String(p.done), hours(p.logged_minutes)])),
    table("Per assignee", ["Assignee", "Open", "Done", "Logged"], s.assignees.map((a) => [
      a.assignee || "unassigned", String(a.open), String(a.done), hours(a.logged_minutes)])));
  const load = () => api(`/organisations/${id}/project-stats`).then(draw, (error) => mount(root, error.status === 404
    ? state.empty("No projects for this client", "Create a project for the organisation under Projects.") : state.error(error, load)));
  load();
}
