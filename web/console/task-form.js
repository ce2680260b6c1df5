// "Create task" forms: from a ticket (ticket-tasks.js) or an order (customer, organisation and license pages).
// The projects offered are the client's own when it has any: the API refuses a ticket or order of another client.
import { h, mount, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";

function field(id, label, control) {
  return h("div", { class: "field" }, h("label", { for: id, class: "label" }, label), control);
}

// prefill: { title, description, ticket_id?, order_id?, organisation? }; ids start with `prefix` (one form per place).
export async function taskForm(prefill, onCreated, prefix = "task") {
  const { items: all } = await api("/projects");
  const own = all.filter((p) => prefill.organisation && p.organisation === prefill.organisation);
  const projects = own.length ? own : all;
  if (!projects.length) return h("p", { class: "faint small" }, "No projects yet: create one under Projects first.");
  const id = (name) => `${prefix}-${name}`;
  const title = h("input", { class: "input", id: id("title"), value: prefill.title || "", required: true, maxlength: 250 });
  const description = h("textarea", { class: "input", id: id("description"), rows: 4 }, prefill.description || "");
  const project = h("select", { class: "select", id: id("project"), required: true },
    projects.map((p) => h("option", { value: p.key }, `${p.key} · ${p.name}`)));
  const assignee = h("input", { class: "input", id: id("assignee"), type: "email", placeholder: "developer@…", autocomplete: "off" });
  const due = h("input", { class: "input", id: id("due"), type: "date" });
  async function submit(event) {
    event.preventDefault();
    const body = { project: project.value, title: title.value.trim(), description: description.value };
    for (const source of ["ticket_id", "order_id"]) if (prefill[source]) body[source] = prefill[source];
    if (assignee.value.trim()) body.assignee = assignee.value.trim();
    if (due.value) body.due = due.value;
    try {
      const task = await api("/tasks", { method: "POST", body });
      toast(`Task ${task.key} created`);
      await onCreated(task);
    } catch (error) {
      toast(`Task not created: ${error.message}`);
    }
  }
  return h("form", { class: "stack", id: id("form"), onsubmit: submit },
    field(id("project"), "Project", project), field(id("title"), "Title", title),
    field(id("description"), "Description", description), field(id("assignee"), "Assignee", assignee),
    field(id("due"), "Due", due), h("button", { class: "btn btn-primary btn-small", type: "submit" }, "Save task"));
}

const orderText = (o) => (o.items || []).map((i) => [i.name || i.product, i.edition, (i.domains || []).join(", ")].filter(Boolean).join(" · ")).join("\n");

// A "Create task" button for one order; its form (and then the new task's link) open in `slot`.
export function orderTaskButton(order, organisation, slot) {
  const name = order.label || "Order";  // never the id: people read it
  const button = h("button", { class: "btn btn-small", type: "button", "aria-label": `Create a task from ${name}` }, "Create task");
  const created = (task) => mount(slot, h("p", { class: "small", role: "status" }, "Task ",
    h("a", { href: link(`/tasks/${encodeURIComponent(task.id)}`) }, task.key), " created from this order."));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const prefill = { title: name, description: orderText(order), order_id: order.id, organisation };
      mount(slot, await taskForm(prefill, created, `order-${order.id}-task`));
    } catch (error) {
      toast(`Projects not loaded: ${error.message}`);
      button.disabled = false;
    }
  });
  return button;
}
