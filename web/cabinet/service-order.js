// A service order (a quote accepted or paid) and the work done for it (GET /service-orders/:id): each task's
// status and the time logged on it, and the requests (tickets) the work came from. A foreign or unknown order
// answers 404 alike.
import { h, mount, state, badge, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day, money } from "/shared/format.js";

const hours = (minutes) => `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;

export function serviceOrderPage(route, { app }) {
  const body = h("div", {}, state.loading("Loading the order"));
  mount(app, h("main", { class: "page reading stack", id: "main" }, h("a", { href: "#/quotes" }, "← Quotes"), body));
  const load = () => api(`/service-orders/${encodeURIComponent(route.id)}`).then((o) => mount(body,
    h("h1", { id: "order-title" }, o.label, " ", badge(o.status)),
    h("p", { class: "muted" }, `${o.ordered_at ? day(o.ordered_at) : ""} · ${money(o.total, o.currency)} (VAT excl.)`),
    h("section", { class: "card stack", "aria-label": "Items" }, h("h2", {}, "Items"),
      o.lines.map((l) => h("p", {}, l.hours ? `${l.description}: ${l.hours} h × ${money(l.rate, o.currency)}` : `${l.description}: ${money(l.amount, o.currency)}`))),
    h("section", { class: "card stack", "aria-label": "Work" }, h("h2", {}, "Work"),
      o.tasks.length ? dataTable("Tasks of this order", ["Task", "Title", "Status", "Due", "Time logged"], o.tasks.map((t) => ({ cells: [
        h("span", { class: "mono" }, t.key), t.title, h("span", { "data-task-status": t.key }, badge(t.status)), t.due ? day(t.due) : "—",
        h("span", { "data-task-time": t.key }, hours(t.logged_minutes))] })))
        : h("p", { class: "muted" }, "No work was planned from this order yet."),
      h("p", { id: "order-time" }, `${hours(o.logged_minutes)} logged in total`)),
    h("section", { class: "card stack", "aria-label": "Requests" }, h("h2", {}, "Requests"),
      o.tickets.length ? dataTable("Requests of this order", ["Request", "Subject", "Status", "Last activity"], o.tickets.map((t) => ({ cells: [
        h("a", { href: `#/tickets/${encodeURIComponent(t.id)}`, "data-order-ticket": t.number }, t.number), t.subject, badge(t.status), day(t.last_activity_at)] })))
        : h("p", { class: "muted" }, "No request of yours led to this work."))),
  (error) => mount(body, error.status === 404 ? state.empty("No such order", "", h("a", { href: "#/quotes" }, "Your quotes")) : state.error(error, load)));
  load();
}
