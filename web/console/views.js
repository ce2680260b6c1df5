// Saved views (personal and shared) in the inbox's sidebar, the sort menu, and the form that saves the current view.
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";

export const SORTS = { activity: "Last activity", created: "Newest", priority: "Priority", status: "Status", number: "Number" };
const PRIORITY = { urgent: 0, high: 1, normal: 2, low: 3 };
const STATUS = { new: 0, open: 1, pending: 2, solved: 3, closed: 4 };

export function sortTickets(tickets, sort) {
  const by = {
    activity: (a, b) => b.last_activity_at.localeCompare(a.last_activity_at),
    created: (a, b) => b.created_at.localeCompare(a.created_at),
    priority: (a, b) => PRIORITY[a.priority] - PRIORITY[b.priority] || b.last_activity_at.localeCompare(a.last_activity_at),
    status: (a, b) => STATUS[a.status] - STATUS[b.status] || b.last_activity_at.localeCompare(a.last_activity_at),
    number: (a, b) => b.number.localeCompare(a.number, undefined, { numeric: true }),
  }[sort] || ((a, b) => b.last_activity_at.localeCompare(a.last_activity_at));
  return [...tickets].sort(by);
}

export const loadViews = () => api("/views").then((v) => v.items).catch(() => []);

export function viewHref(view) {
  return link("/", { ...view.filters, ...(view.sort !== "activity" ? { sort: view.sort } : {}), view: view.id });
}

export function sortMenu(current, onChange) {
  const select = h("select", { class: "input input-small", id: "inbox-sort", "aria-label": "Sort tickets by" },
    Object.entries(SORTS).map(([value, label]) => h("option", { value, selected: value === current }, label)));
  select.addEventListener("change", () => onChange(select.value));
  return h("label", { class: "row small" }, h("span", { class: "hide-phone" }, "Sort"), select);
}

// A small form: name, shared or personal; saves the filter and sort the agent is looking at.
export function saveViewForm(filter, sort, onSaved) {
  const name = h("input", { class: "input input-small", id: "view-name", placeholder: "View name", required: true, maxlength: 80, "aria-label": "Name of the view" });
  const shared = h("input", { type: "checkbox", id: "view-shared" });
  const details = h("details", { class: "save-view" }, h("summary", { class: "btn btn-small" }, "Save view"),
    h("form", { class: "row", onsubmit: async (event) => {
      event.preventDefault();
      try {
        const view = await api("/views", { method: "POST", body: { name: name.value.trim(), filters: filter, sort, shared: shared.checked } });
        toast(`Saved view “${view.name}”`);
        details.open = false;
        onSaved(view);
      } catch (error) {
        toast(`Could not save the view: ${error.message}`);
      }
    } }, name, h("label", { class: "row small" }, shared, "Shared with the team"), h("button", { class: "btn btn-small btn-primary", type: "submit" }, "Save")));
  return details;
}
