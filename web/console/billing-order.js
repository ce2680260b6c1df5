// A service order (an accepted or card-paid quote), the tasks made from it (status, assignee, time logged) and
// the tickets those tasks came from; "Create task" makes one more from this order.
import { h, mount, state, badge, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { day, money } from "/shared/format.js";
import { orderTaskButton } from "./task-form.js";

export const hours = (minutes) => `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;

export function serviceOrderPage(route, { app }) {
  const root = h("main", { class: "page stack", id: "main" }, state.loading("Loading the service order"));
  mount(app, root);
  const load = () => api(`/service-orders/${encodeURIComponent(route.id)}`).then((o) => {
    const slot = h("div", { class: "order-task" });
    const order = { id: o.id, label: o.label, items: o.lines.map((l) => ({ name: l.description })) };
    const rows = o.tasks.map((t) => ({ cells: [h("a", { href: link(`/tasks/${encodeURIComponent(t.id)}`) }, t.key), t.title,
      h("span", { "data-task-status": t.key }, badge(t.status)), t.assignee || "—", t.due ? day(t.due) : "—",
      h("span", { "data-task-time": t.key }, hours(t.logged_minutes))] }));
    mount(root,
      h("a", { href: link("/billing") }, "← Billing"),
      h("div", { class: "spread" }, h("h1", { id: "order-title" }, o.label, " ", badge(o.status)), orderTaskButton(order, o.organisation_id, slot)),
      h("p", { class: "muted" }, `${o.organisation_id} · ${o.ordered_at ? day(o.ordered_at) : ""} · ${money(o.total, o.currency)} · quote ${o.quote_id}`),
      slot,
      h("section", { class: "card stack", "aria-labelledby": "order-tasks" }, h("h2", { id: "order-tasks" }, "Tasks"),
        rows.length ? dataTable("Tasks of this order", ["Task", "Title", "Status", "Assignee", "Due", "Logged"], rows) : h("p", { class: "muted" }, "No task was made from this order yet."),
        h("p", { id: "order-time" }, `${hours(o.logged_minutes)} logged in total`)),
      ticketsCard(o.tickets));
  }, (error) => mount(root, error.status === 404 ? state.empty("No such service order", "", h("a", { href: link("/billing") }, "Billing")) : state.error(error, load)));
  load();
}

function ticketsCard(tickets) {
  const rows = tickets.map((t) => ({ cells: [h("a", { href: link(`/tickets/${encodeURIComponent(t.id)}`), "data-order-ticket": t.number }, t.number),
    t.subject, badge(t.status), t.assignee || "—", t.task_keys.join(", "), day(t.last_activity_at)] }));
  return h("section", { class: "card stack", "aria-labelledby": "order-tickets" }, h("h2", { id: "order-tickets" }, "Tickets"),
    rows.length ? dataTable("Tickets of this order", ["Ticket", "Subject", "Status", "Assignee", "Tasks", "Last activity"], rows)
      : h("p", { class: "muted" }, "No task of this order came from a ticket."));
}
