// The ticket page's side column: properties (status, priority, assignee, tags), merge, and the customer panel.
import { h, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { day, money } from "/shared/format.js";
import { openDocument } from "/shared/documents.js";

const STATUSES = ["new", "open", "pending", "solved", "closed"];
let staffList = null; // GET /staff, once per page load: the only people a ticket can be assigned to

function loadStaff() {
  staffList = staffList || api("/staff").then((page) => page.items).catch((error) => { staffList = null; throw error; });
  return staffList;
}

// A picker, not free text: the server refuses anyone who is not a staff user, so the console offers only them.
function assigneePicker(ticket, onPick) {
  const current = ticket.assignee || "";
  const picker = h("select", { class: "select", id: "assignee", onchange: () => onPick(picker.value) },
    h("option", { value: "" }, "Unassigned"),
    current ? h("option", { value: current, selected: true }, current) : null);
  loadStaff().then((people) => {
    const known = people.some((p) => p.email === current);
    picker.replaceChildren(h("option", { value: "" }, "Unassigned"),
      ...people.map((p) => h("option", { value: p.email, selected: p.email === current }, p.name === p.email ? p.email : `${p.name} (${p.email})`)),
      current && !known ? h("option", { value: current, selected: true }, `${current} (not a staff user)`) : null);
    picker.value = current;
  }, () => toast("The staff list could not be loaded."));
  return picker;
}
const PRIORITIES = ["low", "normal", "high", "urgent"];

function select(id, label, values, current, onChange) {
  const node = h("select", { class: "select", id, onchange: () => onChange(node.value) },
    values.map((v) => h("option", { value: v, selected: v === current }, v[0].toUpperCase() + v.slice(1))));
  return h("label", { class: "field", for: id }, h("span", {}, label), node);
}

export function propertiesCard(ticket, me, { onChanged }) {
  const path = `/tickets/${encodeURIComponent(ticket.id)}`;
  async function patch(change, done) {
    try {
      await api(path, { method: "PATCH", body: change });
      toast(done);
      await onChanged();
    } catch (error) {
      toast(`Not saved: ${error.message}`);
    }
  }
  const assignee = assigneePicker(ticket, (v) => patch(v ? { assignee: v } : { unassign: true }, v ? `Assigned to ${v}` : "Unassigned"));
  const tagInput = h("input", { class: "input", id: "new-tag", placeholder: "Add a tag", autocomplete: "off" });
  const tags = h("div", { class: "row", "aria-label": "Tags" }, ticket.tags.map((tag) => h("span", { class: "chip" }, "#" + tag,
    h("button", { type: "button", "aria-label": `Remove tag ${tag}`, onclick: () => patch({ tags: ticket.tags.filter((t) => t !== tag) }, "Tag removed") }, "×"))));
  return h("section", { class: "card stack", "aria-labelledby": "props-title" },
    h("h2", { id: "props-title" }, "Properties"),
    select("status", "Status", STATUSES, ticket.status, (status) => patch({ status }, `Status: ${status}`)),
    select("priority", "Priority", PRIORITIES, ticket.priority, (priority) => patch({ priority }, `Priority: ${priority}`)),
    h("div", { class: "field" },
      h("label", { for: "assignee", class: "label" }, "Assignee"), assignee,
      me.id && ticket.assignee !== me.id ? h("div", { class: "row" },
        h("button", { class: "btn btn-small", type: "button", onclick: () => patch({ assignee: me.id }, "Assigned to you") }, "Assign to me")) : null),
    h("div", { class: "field" }, h("span", { class: "label" }, "Tags"), tags,
      h("form", { class: "row", onsubmit: (e) => { e.preventDefault(); const t = tagInput.value.trim().replace(/^#/, "").toLowerCase(); if (t && !ticket.tags.includes(t)) patch({ tags: [...ticket.tags, t] }, `Tagged #${t}`); } },
        h("label", { for: "new-tag", class: "visually-hidden" }, "New tag"), h("div", { class: "grow" }, tagInput), h("button", { class: "btn btn-small", type: "submit" }, "Add"))));
}

export function mergeCard(ticket) {
  const into = h("input", { class: "input", id: "merge-into", placeholder: "Ticket id", autocomplete: "off" });
  async function merge(event) {
    event.preventDefault();
    const target = into.value.trim();
    if (!target || target === ticket.id) return toast("Name another ticket to merge into.");
    if (!confirm(`Merge ${ticket.number} into ${target}? Its conversation moves there.`)) return;
    try {
      // MergeRequest (contracts/tickets.py): the target is in the path, this ticket is the source.
      await api(`/tickets/${encodeURIComponent(target)}/merge`, { method: "POST", body: { source_id: ticket.id } });
      toast("Merged");
      location.hash = link(`/tickets/${encodeURIComponent(target)}`);
    } catch (error) {
      toast(`Not merged: ${error.message}`);
    }
  }
  return h("section", { class: "card", "aria-labelledby": "merge-title" }, h("h2", { id: "merge-title" }, "Merge"),
    h("form", { class: "stack", onsubmit: merge },
      h("label", { for: "merge-into", class: "label" }, "Merge this ticket into"), into,
      h("button", { class: "btn btn-small", type: "submit", disabled: Boolean(ticket.merged_into) }, "Merge")));
}

function listOr(items, empty, render) {
  return items?.length ? h("ul", {}, items.map((item) => h("li", {}, render(item)))) : h("p", { class: "faint small" }, empty);
}

export function customerCards(customer, ticket) {
  if (!customer) {
    return [h("section", { class: "card", "aria-labelledby": "customer-title" }, h("h2", { id: "customer-title" }, "Customer"),
      h("p", { class: "muted small" }, ticket.participants[0] || "Unknown sender"), h("p", { class: "faint small" }, "Not linked to a customer account yet."))];
  }
  const others = (customer.tickets || []).filter((t) => t.id !== ticket.id);
  return [
    h("section", { class: "card", "aria-labelledby": "customer-title" }, h("h2", { id: "customer-title" }, "Customer"),
      h("dl", {},
        h("dt", {}, "Name"), h("dd", {}, h("a", { href: link(`/customers/${encodeURIComponent(customer.id)}`), class: "customer-link" }, customer.name || customer.email || "—")),
        h("dt", {}, "E-mail"), h("dd", {}, customer.email || "—"),
        h("dt", {}, "Organisation"), h("dd", {}, customer.organisation
          ? h("a", { href: link(`/organisations/${encodeURIComponent(customer.organisation.id)}`), class: "organisation-link" }, customer.organisation.name) : "—"))),
    h("section", { class: "card", "aria-labelledby": "other-title" }, h("h2", { id: "other-title" }, "Other tickets"),
      listOr(others, "No other tickets.", (t) => [h("a", { href: link(`/tickets/${encodeURIComponent(t.id)}`) }, t.subject || t.number), " ", badge(t.status)])),
    h("section", { class: "card", "aria-labelledby": "orders-title" }, h("h2", { id: "orders-title" }, "Orders"),
      listOr(customer.orders, "No orders.", (o) => [h("span", {}, o.label), " · ", day(o.created_at), " · ", o.total !== undefined ? money(o.total, o.currency) : "", " ", o.status ? badge(o.status) : null])),
    h("section", { class: "card", "aria-labelledby": "invoices-title" }, h("h2", { id: "invoices-title" }, "Invoices"),
      listOr(customer.invoices, "No invoices.", (i) => [h("button", { class: "btn btn-small mono", type: "button", onclick: () => openDocument(i.download) }, i.number),
        " · ", day(i.issued_at), " · ", money(i.total, i.currency), i.kind === "credit_note" ? [" ", badge("credit_note")] : null])),
    h("section", { class: "card", "aria-labelledby": "licenses-title" }, h("h2", { id: "licenses-title" }, "Licenses"),
      listOr(customer.licenses, "No licenses.", (l) => [h("a", { href: link(`/licenses/${encodeURIComponent(l.id)}`) }, h("strong", {}, l.title || `${l.product} ${l.edition}`)), " ", badge(l.state),
        h("div", { class: "faint small" }, (l.domains || []).join(", ") || "no domain", " · ", l.expires ? `expires ${day(l.expires)}` : "lifetime")]),
      customer.licenses?.length ? h("p", { class: "small", style: "margin:8px 0 0" }, h("a", { href: link("/licenses", { customer: customer.id }) }, "All licenses of this customer")) : null),
  ];
}
