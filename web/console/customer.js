// Customer and organisation pages: their tickets, orders, licenses, invoices and tasks (from the customer's
// tickets; of the organisation's projects), and the time logged for them.
import { h, mount, state, badge } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { day, money } from "/shared/format.js";
import { orderTaskButton } from "./task-form.js";
import { taskLinks } from "./ticket-tasks.js";

// Wherever a customer or an organisation is named, its name leads to its page.
export const customerLink = (id, text, attrs = {}) => h("a", { href: link(`/customers/${encodeURIComponent(id)}`), class: "customer-link", ...attrs }, text);
export const organisationLink = (id, text, attrs = {}) => h("a", { href: link(`/organisations/${encodeURIComponent(id)}`), class: "organisation-link", ...attrs }, text);

const hours = (minutes) => `${Math.floor(minutes / 60)} h ${minutes % 60} min`;

function section(id, title, items, empty, render) {
  return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, title),
    items && items.length ? h("ul", { class: "plain-list" }, items.map((x) => h("li", {}, render(x)))) : h("p", { class: "muted small" }, empty));
}

const ticketLine = (t) => [h("a", { href: link(`/tickets/${encodeURIComponent(t.id)}`) }, t.subject || t.number), " ",
  h("span", { class: "mono faint small" }, t.number), " ", badge(t.status)];
const orderLine = (o) => [h("span", {}, o.label), " · ", day(o.created_at), " · ", o.total !== undefined ? money(o.total, o.currency) : "", " ", o.status ? badge(o.status) : null];
// An order with its "Create task" button; the form opens under the line.
function orderWithTask(organisation) {
  return (o) => {
    const slot = h("div", { class: "order-task" });
    return [...orderLine(o), " ", orderTaskButton(o, organisation, slot), slot];
  };
}
const tasksSection = (id, tasks, empty) => h("section", { class: "card", "aria-labelledby": id, id: `${id}-card` },
  h("h2", { id }, "Tasks"), tasks && tasks.length ? taskLinks(tasks) : h("p", { class: "muted small" }, empty));
const licenseLine = (l) => [h("a", { href: link(`/licenses/${encodeURIComponent(l.id)}`) }, l.title || `${l.product} ${l.edition}`), " ", badge(l.state)];

function page(app, load, draw) {
  const root = h("main", { class: "page desk-page", id: "main" }, state.loading("Loading"));
  mount(app, root);
  load().then((data) => draw(root, data)).catch((error) => {
    if (error.status === 404) mount(root, state.empty("Not found", "There is nothing under this name.", h("a", { href: link("/") }, "Back to the inbox")));
    else mount(root, state.error(error));
  });
}

export function customerPage(route, { app }) {
  const id = encodeURIComponent(route.id);
  const time = () => api("/time", { query: { customer_id: route.id } });
  const both = async () => [await api(`/customers/${id}`), await time().catch(() => time()).catch(() => null)];
  page(app, both, (root, [c, time]) => mount(root,
    h("h1", { tabindex: "-1", id: "customer-name" }, c.name || c.email),
    h("p", { class: "muted" }, c.email, c.organisation ? [" · ", h("a", { href: link(`/organisations/${encodeURIComponent(c.organisation.id)}`) }, c.organisation.name)] : null,
      c.blocked ? [" ", badge("blocked as spam", "bad")] : null),
    section("c-tickets", "Tickets", c.tickets, "No tickets.", ticketLine),
    section("c-orders", "Orders", c.orders, "No orders.", orderWithTask(c.organisation?.id)),
    section("c-licenses", "Licenses", c.licenses, "No licenses.", licenseLine),
    section("c-invoices", "Invoices", c.invoices, "No invoices.", (i) => [h("span", { class: "mono" }, i.number), " · ", day(i.issued_at), " · ", money(i.total, i.currency)]),
    tasksSection("c-tasks", c.tasks, "No tasks from their tickets."),
    h("section", { class: "card", "aria-labelledby": "c-time" }, h("h2", { id: "c-time" }, "Time logged"),
      time ? h("p", { id: "customer-time" }, `${hours(time.totals.minutes)} in total, ${hours(time.totals.billable_minutes)} billable`)
        : h("p", { class: "muted small" }, "The time logged could not be loaded."))));
}

export function organisationPage(route, { app }) {
  page(app, () => api(`/organisations/${encodeURIComponent(route.id)}`), (root, o) => mount(root,
    h("div", { class: "spread" }, h("h1", { tabindex: "-1", id: "organisation-name" }, o.organisation.name),
      h("a", { href: link(`/organisations/${encodeURIComponent(o.organisation.id)}/stats`), class: "btn btn-small" }, "Project statistics")),
    section("o-people", "People", o.people, "Nobody wrote yet.", (p) => h("a", { href: link(`/customers/${encodeURIComponent(p.id)}`) }, p.name || p.email, p.name ? ` <${p.email}>` : "")),
    section("o-tickets", "Tickets", o.tickets, "No tickets.", ticketLine),
    section("o-orders", "Orders", o.orders, "No orders.", orderWithTask(o.organisation.id)),
    section("o-licenses", "Licenses", o.licenses, "No licenses.", licenseLine),
    tasksSection("o-tasks", o.tasks, "No tasks in their projects.")));
}
