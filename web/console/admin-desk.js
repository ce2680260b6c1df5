// Admin page, part two: teams and each mailbox's assignment rule (round robin over a team, or manual).
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

export const slug = (text) => String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-");

// Checkboxes with ids `${prefix}-${slug(value)}`; returns the group and a getter of the checked values.
export function checks(prefix, legend, options, chosen) {
  const boxes = options.map(([value, label]) => h("input", { type: "checkbox", id: `${prefix}-${slug(value)}`, value, checked: chosen.includes(value) }));
  const group = h("fieldset", { class: "checks" }, h("legend", { class: "label" }, legend),
    boxes.map((box, i) => h("label", { class: "check", for: box.id }, box, options[i][1])));
  return [group, () => boxes.filter((b) => b.checked).map((b) => b.value)];
}

const RULES = [["round_robin", "Round robin among the team"], ["manual", "Manual: they wait unassigned"]];

function teamForm(team, staff, reload) {
  const id = "team-" + (team ? slug(team.name) : "new");
  const name = team ? null : h("input", { id: id + "-name", class: "input", required: true, maxlength: 40, autocomplete: "off" });
  const [members, chosen] = checks(id + "-member", team ? `Members of ${team.name}` : "Members",
    staff.map((m) => [m.email, m.name]), team ? team.members : []);
  const submit = (event) => {
    event.preventDefault();
    api("/admin/teams", { method: "PUT", body: { name: team ? team.name : name.value, members: chosen() } })
      .then((saved) => { toast(`Team ${saved.name} saved`); reload(); }, (error) => toast(error.message));
  };
  return h("form", { class: "card stack", id: id, onsubmit: submit },
    team ? h("h3", {}, team.name) : h("label", { class: "field" }, h("span", {}, "New team"), name),
    members, h("button", { class: "btn" + (team ? "" : " btn-primary"), type: "submit" }, team ? "Save team" : "Create team"));
}

export function teamsSection(teams, staff, reload) {
  return h("section", { class: "stack", "aria-labelledby": "teams-title" }, h("h2", { id: "teams-title" }, "Teams"),
    h("div", { class: "admin-grid" }, teams.map((t) => teamForm(t, staff, reload)), teamForm(null, staff, reload)));
}

function mailboxForm(box, teams, staff, reload) {
  const id = "mailbox-" + (box ? slug(box.name) : "new");
  const name = box ? null : h("input", { id: id + "-name", class: "input", required: true, placeholder: "sales", autocomplete: "off" });
  const team = h("select", { id: id + "-team", class: "select" }, h("option", { value: "" }, "No team"),
    teams.map((t) => h("option", { value: t.name, selected: box?.team === t.name }, t.name)));
  const rule = h("select", { id: id + "-rule", class: "select" },
    RULES.map(([value, label]) => h("option", { value, selected: (box?.rule || "round_robin") === value }, label)));
  const sticky = h("input", { type: "checkbox", id: id + "-sticky", checked: box ? box.sticky : true });
  const named = (email) => staff.find((m) => m.email === email)?.name || email;
  const submit = (event) => {
    event.preventDefault();
    const body = { name: box ? box.name : name.value.trim(), team: team.value || null, rule: rule.value, sticky: sticky.checked };
    api("/admin/mailboxes", { method: "PUT", body }).then((saved) => { toast(`Mailbox ${saved.name} saved`); reload(); }, (error) => toast(error.message));
  };
  return h("form", { class: "card stack", id: id, onsubmit: submit },
    box ? h("h3", {}, box.name) : h("label", { class: "field" }, h("span", {}, "New mailbox (the address before @)"), name),
    h("label", { class: "field" }, h("span", {}, "Team"), team), h("label", { class: "field" }, h("span", {}, "New tickets"), rule),
    h("label", { class: "check", for: sticky.id }, sticky, "Follow-ups go to whoever handled the conversation"),
    box ? h("p", { class: "small rotation", id: id + "-rotation" }, box.rule === "manual" ? "Nobody gets new tickets automatically."
      : box.rotation.length ? "In turn: " + box.rotation.map(named).join(", ") : "Nobody in the rotation: new tickets stay unassigned.") : null,
    h("button", { class: "btn" + (box ? "" : " btn-primary"), type: "submit" }, box ? "Save mailbox" : "Add mailbox"));
}

export function mailboxesSection(boxes, teams, staff, reload) {
  return h("section", { class: "stack", "aria-labelledby": "mailboxes-title" }, h("h2", { id: "mailboxes-title" }, "Mailboxes"),
    h("div", { class: "admin-grid" }, boxes.map((b) => mailboxForm(b, teams, staff, reload)), mailboxForm(null, teams, staff, reload)));
}
