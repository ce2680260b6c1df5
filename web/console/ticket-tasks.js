// The ticket page's "Tasks" card: the ticket's tasks with their status, and "Create task" prefilled from the
// conversation (subject as title, the customer's last message as description).
import { h, mount, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { day } from "/shared/format.js";

function lastCustomerText(messages) {
  const inbound = messages.filter((m) => m.direction === "inbound" && m.text);
  return (inbound.at(-1)?.text || "").slice(0, 2000);
}

function field(id, label, control) {
  return h("div", { class: "field" }, h("label", { for: id, class: "label" }, label), control);
}

async function createForm(ticket, messages, onCreated) {
  const { items: projects } = await api("/projects");
  const title = h("input", { class: "input", id: "task-title", value: ticket.subject || "", required: true, maxlength: 250 });
  const description = h("textarea", { class: "input", id: "task-description", rows: 4 }, lastCustomerText(messages));
  const project = h("select", { class: "select", id: "task-project", required: true },
    projects.map((p) => h("option", { value: p.key }, `${p.key} · ${p.name}`)));
  const assignee = h("input", { class: "input", id: "task-assignee", type: "email", placeholder: "developer@…", autocomplete: "off" });
  const due = h("input", { class: "input", id: "task-due", type: "date" });
  async function submit(event) {
    event.preventDefault();
    const body = { project: project.value, title: title.value.trim(), description: description.value, ticket_id: ticket.id };
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
  if (!projects.length) return h("p", { class: "faint small" }, "No projects yet: create one under Projects first.");
  return h("form", { class: "stack", id: "task-form", onsubmit: submit },
    field("task-project", "Project", project), field("task-title", "Title", title),
    field("task-description", "Description", description), field("task-assignee", "Assignee", assignee),
    field("task-due", "Due", due), h("button", { class: "btn btn-primary btn-small", type: "submit" }, "Save task"));
}

export function tasksCard(ticket, messages, tasks, { onChanged }) {
  const formSlot = h("div", {});
  const open = h("button", { class: "btn btn-small", type: "button", id: "create-task" }, "Create task");
  open.addEventListener("click", async () => {
    open.disabled = true;
    try {
      mount(formSlot, await createForm(ticket, messages, onChanged));
    } catch (error) {
      toast(`Projects not loaded: ${error.message}`);
      open.disabled = false;
    }
  });
  const list = tasks.length
    ? h("ul", { class: "task-links" }, tasks.map((t) => h("li", {},
      h("a", { href: link(`/tasks/${encodeURIComponent(t.id)}`) }, h("span", { class: "mono" }, t.key), " ", t.title), " ", badge(t.status),
      h("div", { class: "faint small" }, t.assignee || "unassigned", " · ", t.due ? `due ${day(t.due)}` : "no due date", t.overdue ? " · overdue" : ""))))
    : h("p", { class: "faint small" }, "No tasks from this ticket.");
  return h("section", { class: "card stack", "aria-labelledby": "tasks-title", id: "ticket-tasks" },
    h("div", { class: "spread" }, h("h2", { id: "tasks-title" }, "Tasks"), open), list, formSlot);
}
