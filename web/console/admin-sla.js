// Admin page, part three: business calendars, SLA policies and the auto-close rule (the /sla/* admin routes).
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { checks, slug } from "./admin-desk.js";

const DAYS = [["mon", "Monday"], ["tue", "Tuesday"], ["wed", "Wednesday"], ["thu", "Thursday"], ["fri", "Friday"], ["sat", "Saturday"], ["sun", "Sunday"]];
const PRIORITIES = ["low", "normal", "high", "urgent"];
const saved = (what, reload) => [(answer) => { toast(`${what(answer)} saved`); reload(); }, (error) => toast(error.message)];
const field = (label, input) => h("label", { class: "field" }, h("span", {}, label), input);
// Opening and closing times are both plain "HH:MM" text: a native time field draws its own picker inside the
// same width (cutting "09:00" to "09:0") and shows "9:00 AM" in 12-hour locales; closing needs "24:00" anyway.
const OPENS = "([01]\\d|2[0-3]):[0-5]\\d", CLOSES = `${OPENS}|24:00`;
const clockField = (id, value, label, pattern) => h("input", { class: "input clock-field", id, value, pattern,
  inputmode: "numeric", maxlength: 5, autocomplete: "off", placeholder: "HH:MM", title: "24-hour time, HH:MM", "aria-label": label });
const number = (id, value, min = 0) => h("input", { id, class: "input", type: "number", min, step: 1, required: true, value: String(value) });

function calendarForm(calendar, reload) {
  const id = "calendar-" + (calendar ? slug(calendar.name) : "new");
  const name = calendar ? null : h("input", { id: id + "-name", class: "input", required: true, maxlength: 80, pattern: "[\\w .\\-]+", autocomplete: "off" });
  const zone = h("input", { id: id + "-timezone", class: "input", required: true, value: calendar?.timezone || "Europe/Berlin", autocomplete: "off" });
  const days = DAYS.map(([day, label]) => {
    const hours = calendar ? calendar.hours.find((x) => x.day === day) : ["sat", "sun"].includes(day) ? null : { open: "09:00", close: "17:00" };
    const on = h("input", { type: "checkbox", id: `${id}-${day}`, checked: Boolean(hours) });
    const open = clockField(`${id}-${day}-open`, hours?.open || "09:00", `${label} opens`, OPENS);
    const close = clockField(`${id}-${day}-close`, hours?.close || "17:00", `${label} closes (24:00 for midnight)`, CLOSES);
    return { day, on, open, close, row: h("div", { class: "sla-day" }, h("label", { class: "check", for: on.id }, on, label), open, close) };
  });
  const holidays = h("textarea", { id: id + "-holidays", class: "input", rows: 2, placeholder: "2026-12-24, 2026-12-31" }, (calendar?.holidays || []).join(", "));
  const submit = (event) => {
    event.preventDefault();
    const body = { name: calendar ? calendar.name : name.value.trim(), timezone: zone.value.trim(),
      hours: days.filter((d) => d.on.checked).map((d) => ({ day: d.day, open: d.open.value, close: d.close.value })),
      holidays: holidays.value.split(/[\s,]+/).filter(Boolean) };
    api("/sla/calendars", { method: "POST", body }).then(...saved((c) => `Calendar ${c.name}`, reload));
  };
  return h("form", { class: "card stack", id, onsubmit: submit },
    calendar ? h("h3", {}, calendar.name) : field("New calendar", name), field("Time zone", zone),
    h("fieldset", { class: "stack sla-days" }, h("legend", { class: "label" }, "Opening hours"), days.map((d) => d.row)),
    field("Holidays", holidays), h("button", { class: "btn" + (calendar ? "" : " btn-primary"), type: "submit" }, calendar ? "Save calendar" : "Add calendar"));
}

function policyForm(policy, { calendars, staff, boxes }, reload) {
  const id = "policy-" + (policy ? slug(policy.id) : "new");
  const p = policy || { name: "", calendar: calendars[0]?.name, first_response_minutes: 60, resolution_minutes: 480, escalate_after_minutes: 60, escalate_to: [] };
  const name = h("input", { id: id + "-name", class: "input", required: true, maxlength: 120, value: p.name, autocomplete: "off" });
  const select = (suffix, options, chosen) => h("select", { id: id + suffix, class: "select" },
    options.map(([value, label]) => h("option", { value, selected: (chosen || "") === value }, label)));
  const calendar = select("-calendar", calendars.map((c) => [c.name, c.name]), p.calendar);
  const mailbox = select("-mailbox", [["", "Any mailbox"], ...boxes.map((b) => [b.name, b.name])], p.mailbox);
  const priority = select("-priority", [["", "Any priority"], ...PRIORITIES.map((x) => [x, x])], p.priority);
  const organisation = h("input", { id: id + "-organisation", class: "input", value: p.organisation_id || "", placeholder: "Any organisation", autocomplete: "off" });
  const first = number(id + "-first", p.first_response_minutes, 1);
  const resolution = number(id + "-resolution", p.resolution_minutes, 1);
  const escalate = number(id + "-escalate", p.escalate_after_minutes);
  const [contacts, chosen] = checks(id + "-contact", "Escalate to (none: the mailbox's managers)", staff.map((m) => [m.email, m.name]), p.escalate_to);
  const submit = (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), calendar: calendar.value, first_response_minutes: Number(first.value),
      resolution_minutes: Number(resolution.value), escalate_after_minutes: Number(escalate.value), escalate_to: chosen(),
      mailbox: mailbox.value || null, priority: priority.value || null, organisation_id: organisation.value.trim() || null };
    const request = policy ? api(`/sla/policies/${encodeURIComponent(policy.id)}`, { method: "PUT", body }) : api("/sla/policies", { method: "POST", body });
    request.then(...saved((saved) => `Policy ${saved.name}`, reload));
  };
  const remove = () => api(`/sla/policies/${encodeURIComponent(policy.id)}`, { method: "DELETE" })
    .then(() => { toast(`Policy ${policy.name} deleted`); reload(); }, (error) => toast(error.message));
  return h("form", { class: "card stack", id, onsubmit: submit },
    h("h3", {}, policy ? policy.name : "New policy"), field("Name", name), field("Business calendar", calendar),
    h("div", { class: "admin-fields" }, field("First response (business minutes)", first), field("Resolution (business minutes)", resolution),
      field("Escalate after (minutes late)", escalate)),
    h("div", { class: "admin-fields" }, field("Mailbox", mailbox), field("Priority", priority), field("Organisation id", organisation)),
    contacts, h("div", { class: "row" }, h("button", { class: "btn" + (policy ? "" : " btn-primary"), type: "submit", disabled: !calendars.length }, policy ? "Save policy" : "Add policy"),
      policy ? h("button", { class: "btn btn-ghost", type: "button", id: id + "-delete", onclick: remove }, "Delete") : null));
}

function autoCloseForm(rule, boxes, reload) {
  const all = number("autoclose-default", rule.default_days);
  const per = boxes.map((b) => [b.name, h("input", { id: `autoclose-${slug(b.name)}`, class: "input", type: "number", min: 0, step: 1,
    value: b.name in rule.mailboxes ? String(rule.mailboxes[b.name]) : "", placeholder: `default (${rule.default_days})` })]);
  const submit = (event) => {
    event.preventDefault();
    const mailboxes = Object.fromEntries(per.filter(([, input]) => input.value !== "").map(([name, input]) => [name, Number(input.value)]));
    api("/sla/auto-close", { method: "PUT", body: { default_days: Number(all.value), mailboxes } }).then(...saved(() => "Auto-close", reload));
  };
  return h("form", { class: "card stack", id: "autoclose", onsubmit: submit }, h("h3", {}, "Auto-close solved tickets"),
    h("p", { class: "small muted" }, "Days after which a solved ticket closes by itself; 0 turns it off."),
    h("div", { class: "admin-fields" }, field("Every mailbox", all), per.map(([name, input]) => field(`Mailbox ${name}`, input))),
    h("button", { class: "btn", type: "submit" }, "Save auto-close"));
}

export function slaSection({ calendars, policies, rule, staff, boxes }, reload) {
  const context = { calendars, staff, boxes };
  return h("section", { class: "stack", "aria-labelledby": "sla-admin-title" }, h("h2", { id: "sla-admin-title" }, "SLAs"),
    h("h3", { class: "label" }, "Business calendars"),
    h("div", { class: "admin-grid", id: "calendars" }, calendars.map((c) => calendarForm(c, reload)), calendarForm(null, reload)),
    h("h3", { class: "label" }, "Policies"),
    calendars.length ? null : h("p", { class: "small muted" }, "Add a business calendar first: every policy counts time in one."),
    h("div", { class: "admin-grid", id: "policies" }, policies.map((p) => policyForm(p, context, reload)), policyForm(null, context, reload)),
    autoCloseForm(rule, boxes, reload));
}
