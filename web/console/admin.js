// Admin page (admins only): staff accounts in the user pool (invite, roles, deactivate), teams, mailboxes, SLAs.
import { h, mount, state, toast, badge, dataTable, keepingEdits } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { checks, slug, teamsSection, mailboxesSection } from "./admin-desk.js";
import { slaSection } from "./admin-sla.js";

const OPENS_TICKETS = ["admin", "manager", "developer", "accountant"]; // identity.model.TICKET_ROLES

export const ROLES = ["admin", "manager", "developer", "accountant", "ops"];

function staffTable(accounts, me, reload) {
  const rows = accounts.map((member) => {
    const id = "staff-" + slug(member.email);
    const [roles, chosen] = checks(id + "-role", `Roles of ${member.name}`, ROLES.map((r) => [r, r]), member.roles);
    const save = (change, done) => api("/admin/staff", { method: "PATCH", body: { email: member.email, ...change } })
      .then(() => { toast(done); reload(); }, (error) => toast(error.message));
    const own = member.email.toLowerCase() === (me.email || "").toLowerCase();
    return { class: member.active ? null : "inactive", cells: [
      h("strong", {}, member.name), member.email, roles,
      badge(member.active ? "active" : "deactivated", member.active ? "ok" : "bad"),
      h("div", { class: "row" },
        h("button", { class: "btn btn-small", type: "button", id: id + "-save", onclick: () => save({ roles: chosen() }, `Roles of ${member.name} saved`) }, "Save roles"),
        own ? null : h("button", { class: "btn btn-small", type: "button", id: id + "-active",
          onclick: () => save({ active: !member.active }, `${member.name} ${member.active ? "deactivated" : "reactivated"}`) },
        member.active ? "Deactivate" : "Reactivate")),
    ] };
  });
  return dataTable("Staff", ["Name", "E-mail", "Roles", "Status", ""], rows);
}

function inviteForm(reload) {
  const email = h("input", { id: "invite-email", class: "input", type: "email", required: true, autocomplete: "off" });
  const name = h("input", { id: "invite-name", class: "input", required: true, autocomplete: "off" });
  const [roles, chosen] = checks("invite-role", "Roles", ROLES.map((r) => [r, r]), ["manager"]);
  const problem = h("p", { class: "field-error", role: "alert", id: "invite-error" });
  const submit = (event) => {
    event.preventDefault();
    mount(problem);
    api("/admin/staff", { method: "POST", body: { email: email.value.trim(), name: name.value, roles: chosen() } })
      .then((member) => { toast(`Invitation sent to ${member.email}`); reload(); }, (error) => mount(problem, error.message));
  };
  return h("form", { class: "card stack", id: "invite-form", "aria-labelledby": "invite-title", onsubmit: submit },
    h("h3", { id: "invite-title" }, "Invite a colleague"),
    h("div", { class: "admin-fields" }, h("label", { class: "field" }, h("span", {}, "Name"), name),
      h("label", { class: "field" }, h("span", {}, "E-mail"), email)),
    roles, problem, h("button", { class: "btn btn-primary", type: "submit" }, "Send invitation"));
}

export function adminPage(route, { app, me }) {
  const staff = h("section", { class: "stack", "aria-labelledby": "staff-title" }, h("h2", { id: "staff-title" }, "Staff"));
  const body = h("div", { class: "stack" }, state.loading("Loading the staff"));
  staff.append(body);
  const desk = h("div", { class: "stack" });
  const page = h("main", { class: "page stack", id: "main" }, h("h1", {}, "Admin"),
    h("p", { class: "muted" }, "Who works the desk, in which teams, who gets each mailbox's new tickets, and the SLAs they work to. ",
      h("a", { href: "#/admin/webhooks", id: "webhooks-link" }, "Webhooks to other systems"), " · ",
      h("a", { href: "#/admin/integrations", id: "integrations-link" }, "Integrations: Pipedrive, Bitrix24, Omnidesk, 1C")), staff, desk);
  const redraw = keepingEdits(page);
  const load = () => Promise.all([api("/admin/staff"), api("/admin/teams"), api("/admin/mailboxes"),
    api("/sla/calendars"), api("/sla/policies"), api("/sla/auto-close")]).then(([accounts, teams, boxes, calendars, policies, rule]) => {
    const active = accounts.items.filter((m) => m.active);
    const agents = active.filter((m) => m.roles.some((r) => OPENS_TICKETS.includes(r))); // rotations, escalations
    redraw(() => {
      mount(body, staffTable(accounts.items, me, load), inviteForm(load));
      mount(desk, teamsSection(teams.items, agents, load), mailboxesSection(boxes.items, teams.items, active, load),
        slaSection({ calendars: calendars.items, policies: policies.items, rule, staff: agents, boxes: boxes.items }, load));
    });
  }, (error) => mount(body, state.error(error, load)));
  mount(app, page);
  load();
}
