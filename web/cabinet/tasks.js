// The organisation's work in progress, shown beside its orders: each task's status as a progress bar, its due
// date and what was delivered. Internal comments never reach the cabinet (the API leaves them out).
import { h, mount, state, badge } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day } from "/shared/format.js";

const STEPS = ["todo", "in_progress", "review", "done"];

function progress(task) {
  const step = task.done ? STEPS.length - 1 : Math.max(0, STEPS.indexOf(task.status));
  const percent = Math.round((100 * step) / (STEPS.length - 1));
  return h("div", { class: "progress", role: "progressbar", "aria-label": `${task.key} progress`, "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": percent },
    h("span", { style: `width:${percent}%` }));
}

export function taskProgress() {
  const body = h("div", {}, state.loading("Loading work in progress"));
  const load = () => api("/tasks").then(({ items }) => mount(body, items.length
    ? h("ul", { class: "list", id: "task-progress" }, items.map((t) => h("li", { class: "task-progress", dataset: { key: t.key } },
      h("div", { class: "spread" }, h("strong", {}, h("span", { class: "mono" }, t.key), " ", t.title), badge(t.status)),
      progress(t),
      h("div", { class: "faint small" }, t.due ? `Due ${day(t.due)}` : "No due date", t.orders.length ? ` · ${t.orders.map((o) => o.label).join(", ")}` : ""),
      t.result ? h("p", { class: "small" }, "Delivered: ", t.result) : null,
      t.comments.map((c) => h("p", { class: "small muted" }, c.text)))))
    : state.empty("No work in progress", "Tasks our team works on for you appear here.")), (error) => mount(body, state.error(error, load)));
  load();
  return h("section", { class: "stack", "aria-labelledby": "progress-title" }, h("h2", { id: "progress-title" }, "Work in progress"), body);
}
