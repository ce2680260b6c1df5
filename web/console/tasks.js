// Projects and their tasks: the project list, a board per project (drag a card between columns, or use its
// status menu), and one task's page (status, assignee, due, time, comments, files, history).
import { h, mount, state, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { day, when } from "/shared/format.js";
import { organisationLink } from "./customer.js";
import { taskFiles } from "./task-files.js";

const label = (status) => status.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

export function projectsPage(route, { app }) {
  const body = h("div", {}, state.loading("Loading projects"));
  const key = h("input", { class: "input", id: "project-key", placeholder: "ACME", maxlength: 10, required: true });
  const name = h("input", { class: "input", id: "project-name", placeholder: "Acme web shop", required: true });
  const org = h("input", { class: "input", id: "project-org", placeholder: "org-acme", required: true });
  const load = () => api("/projects").then(({ items }) => mount(body, items.length
    ? h("ul", { class: "list" }, items.map((p) => h("li", { class: "list-row" },
      h("a", { href: link(`/projects/${p.key}`) }, h("strong", { class: "mono" }, p.key), " ", p.name),
      h("span", { class: "faint small" }, " ", organisationLink(p.organisation, p.organisation), p.jira_project ? ` · Jira ${p.jira_project}` : ""))))
    : state.empty("No projects yet", "Create the first one for a client.")), (error) => mount(body, state.error(error, load)));
  const create = async (event) => {
    event.preventDefault();
    try {
      await api("/projects", { method: "POST", body: { key: key.value.trim(), name: name.value.trim(), organisation: org.value.trim() } });
      toast("Project created");
      load();
    } catch (error) {
      toast(`Not created: ${error.message}`);
    }
  };
  mount(app, h("main", { class: "page stack", id: "main" }, h("h1", {}, "Projects"), body,
    h("form", { class: "card row", "aria-label": "New project", onsubmit: create },
      h("label", { for: "project-key", class: "visually-hidden" }, "Key"), key,
      h("label", { for: "project-name", class: "visually-hidden" }, "Name"), name,
      h("label", { for: "project-org", class: "visually-hidden" }, "Organisation"), org,
      h("button", { class: "btn btn-primary", type: "submit" }, "Create project"))));
  load();
}

function card(task, statuses, move) {
  const menu = h("select", { class: "select select-small", "aria-label": `Move ${task.key}`, onchange: () => move(task, menu.value) },
    statuses.map((s) => h("option", { value: s.name, selected: s.name === task.status }, label(s.name))));
  return h("article", { class: `task-card${task.overdue ? " overdue" : ""}`, draggable: "true", dataset: { id: task.id, key: task.key },
    ondragstart: (event) => event.dataTransfer.setData("text/plain", task.id) },
  h("a", { href: link(`/tasks/${encodeURIComponent(task.id)}`) }, h("span", { class: "mono small" }, task.key), h("div", {}, task.title)),
  h("div", { class: "faint small" }, task.assignee || "unassigned", task.due ? ` · due ${day(task.due)}` : "", task.overdue ? " · overdue" : ""),
  menu);
}

export function boardPage(route, { app }) {
  const key = route.key;
  const root = h("main", { class: "page stack", id: "main" }, state.loading("Loading the board"));
  mount(app, root);
  let tasks = [];
  let project = null;
  async function move(task, status) {
    if (task.status === status) return;
    try {
      await api(`/tasks/${encodeURIComponent(task.id)}`, { method: "PATCH", body: { status } });
      toast(`${task.key}: ${label(status)}`);
    } catch (error) {
      toast(`Not moved: ${error.message}`);
    }
    await load();
  }
  function render() {
    const columns = project.statuses.map((s) => {
      const column = h("section", { class: "board-column", "aria-label": label(s.name), dataset: { status: s.name },
        ondragover: (event) => { event.preventDefault(); column.classList.add("drop"); },
        ondragleave: () => column.classList.remove("drop"),
        ondrop: (event) => {
          event.preventDefault();
          column.classList.remove("drop");
          const task = tasks.find((t) => t.id === event.dataTransfer.getData("text/plain"));
          if (task) move(task, s.name);
        } },
      h("h2", {}, label(s.name), " ", h("span", { class: "faint" }, String(tasks.filter((t) => t.status === s.name).length))),
      tasks.filter((t) => t.status === s.name).map((t) => card(t, project.statuses, move)));
      return column;
    });
    mount(root, h("div", { class: "spread" }, h("h1", {}, `${project.key} · ${project.name}`),
      h("div", { class: "row" }, organisationLink(project.organisation, project.organisation, { class: "organisation-link small" }),
        h("a", { href: link(`/projects/${key}/stats`), class: "btn btn-small" }, "Statistics"),
        h("a", { href: link(`/organisations/${encodeURIComponent(project.organisation)}/stats`), class: "btn btn-small" }, "Client statistics"),
        h("a", { href: link("/projects"), class: "small" }, "All projects"))),
    h("div", { class: "board" }, columns));
  }
  async function load() {
    try {
      [project, { items: tasks }] = await Promise.all([api(`/projects/${key}`), api("/tasks", { query: { project: key } })]);
      render();
    } catch (error) {
      mount(root, error.status === 404 ? state.empty("Project not found") : state.error(error, load));
    }
  }
  load();
}

export function taskPage(route, { app, me }) {
  const root = h("main", { class: "page stack", id: "main" }, state.loading("Loading the task"));
  mount(app, root);
  const path = `/tasks/${encodeURIComponent(route.id)}`;
  async function send(request, done) {
    try {
      render(await api(request.path || path, request));
      toast(done);
    } catch (error) {
      toast(`Not saved: ${error.message}`);
    }
  }
  function render(t) {
    const minutes = h("input", { class: "input", id: "time-minutes", type: "number", min: 1, max: 1440, required: true });
    const billable = h("input", { id: "time-billable", type: "checkbox", checked: true });
    const comment = h("textarea", { class: "input", id: "comment-text", rows: 2, required: true });
    const internal = h("input", { id: "comment-internal", type: "checkbox", checked: true });
    const due = h("input", { class: "input", id: "task-due", type: "date", value: t.due || "" });
    const assignee = h("input", { class: "input", id: "task-assignee", type: "email", value: t.assignee || "" });
    mount(root,
      h("div", { class: "row small" }, h("a", { href: link(`/projects/${t.project}`) }, `← ${t.project} board`), client),
      h("h1", { id: "task-title" }, h("span", { class: "mono" }, t.key), " ", t.title),
      h("div", { class: "row" }, badge(t.status), badge(t.priority), t.overdue ? badge("overdue") : null, t.jira_key ? h("span", { class: "mono small" }, `Jira ${t.jira_key}`) : null),
      t.description ? h("p", { class: "prewrap" }, t.description) : null,
      h("div", { class: "card row" },
        h("form", { class: "row", onsubmit: (e) => { e.preventDefault(); send({ method: "PATCH", body: { assignee: assignee.value.trim() || null, due: due.value || null } }, "Saved"); } },
          h("label", { for: "task-assignee", class: "label" }, "Assignee"), assignee, h("label", { for: "task-due", class: "label" }, "Due"), due,
          h("button", { class: "btn btn-small", type: "submit" }, "Save"))),
      h("div", { class: "card stack" }, h("h2", {}, `Time: ${t.logged_minutes} min logged`, t.estimate_minutes ? ` of ${t.estimate_minutes} estimated` : ""),
        h("form", { class: "row", id: "time-form", onsubmit: (e) => { e.preventDefault(); send({ path: `${path}/time`, method: "POST", body: { minutes: Number(minutes.value), billable: billable.checked } }, "Time logged"); } },
          h("label", { for: "time-minutes", class: "label" }, "Minutes"), minutes, h("label", { class: "row small" }, billable, "billable"),
          h("button", { class: "btn btn-small btn-primary", type: "submit" }, "Log time")),
        h("ul", { class: "small" }, t.time.map((e) => h("li", {}, `${e.minutes} min · ${e.by} · ${when(e.at)}${e.billable ? " · billable" : ""}`)))),
      h("div", { class: "card stack" }, h("h2", {}, "Comments"),
        h("ul", { class: "stack" }, t.comments.map((c) => h("li", {}, h("strong", {}, c.by), ` · ${when(c.at)}`, c.internal ? " · internal" : " · visible to the client", h("p", { class: "prewrap" }, c.text)))),
        h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); send({ path: `${path}/comments`, method: "POST", body: { text: comment.value, internal: internal.checked } }, "Comment added"); } },
          h("label", { for: "comment-text", class: "visually-hidden" }, "Comment"), comment,
          h("div", { class: "row" }, h("label", { class: "row small" }, internal, "internal (not shown to the client)"), h("button", { class: "btn btn-small", type: "submit" }, "Comment")))),
      taskFiles(t, path, send),
      h("details", { class: "card" }, h("summary", {}, `History (${t.history.length})`),
        h("ul", { class: "small" }, t.history.map((c) => h("li", { class: c.lost ? "muted" : "" },
          `${when(c.at)} · ${c.by} · ${c.field}: ${c.old ?? "—"} → ${c.new ?? "—"}`, c.origin !== "console" ? ` (${c.origin})` : "", c.lost ? " — lost to a newer change" : "")))));
  }
  // The task names its project; the project names the client organisation.
  const client = h("span", { id: "task-organisation" });
  api(path).then((t) => {
    render(t);
    api(`/projects/${encodeURIComponent(t.project)}`).then((p) => mount(client, "Client: ", organisationLink(p.organisation, p.organisation)), () => null);
  }, (error) => mount(root, error.status === 404 ? state.empty("Task not found") : state.error(error)));
  void me;
}
