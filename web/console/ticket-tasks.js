// The ticket page's "Tasks" card: the ticket's tasks with their status, and "Create task" prefilled from the
// conversation (subject as title, the customer's last message as description).
import { h, mount, badge, toast } from "/shared/dom.js";
import { link } from "/shared/router.js";
import { day } from "/shared/format.js";
import { taskForm } from "./task-form.js";

function lastCustomerText(messages) {
  const inbound = messages.filter((m) => m.direction === "inbound" && m.text);
  return (inbound.at(-1)?.text || "").slice(0, 2000);
}

// Tasks as links to their pages, with status, assignee and due date (ticket, customer, organisation pages).
export const taskLinks = (tasks) => h("ul", { class: "task-links" }, tasks.map((t) => h("li", {},
  h("a", { href: link(`/tasks/${encodeURIComponent(t.id)}`) }, h("span", { class: "mono" }, t.key), " ", t.title), " ", badge(t.status),
  h("div", { class: "faint small" }, t.assignee || "unassigned", " · ", t.due ? `due ${day(t.due)}` : "no due date", t.overdue ? " · overdue" : ""))));

export function tasksCard(ticket, messages, tasks, { onChanged }) {
  const formSlot = h("div", {});
  const open = h("button", { class: "btn btn-small", type: "button", id: "create-task" }, "Create task");
  open.addEventListener("click", async () => {
    open.disabled = true;
    try {
      const prefill = { title: ticket.subject || "", description: lastCustomerText(messages), ticket_id: ticket.id, organisation: ticket.organisation_id };
      mount(formSlot, await taskForm(prefill, onChanged));
    } catch (error) {
      toast(`Projects not loaded: ${error.message}`);
      open.disabled = false;
    }
  });
  const list = tasks.length ? taskLinks(tasks) : h("p", { class: "faint small" }, "No tasks from this ticket.");
  return h("section", { class: "card stack", "aria-labelledby": "tasks-title", id: "ticket-tasks" },
    h("div", { class: "spread" }, h("h2", { id: "tasks-title" }, "Tasks"), open), list, formSlot);
}
