// The on-call rota: who is paged in which order and how long each has to acknowledge (GET/PUT /ops/rota).
// Ops and admins edit it; everyone else sees it read-only (the API enforces the same rule).
import { h, mount, state } from "/shared/dom.js";
import { api } from "/shared/session.js";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/; // E.164, as the escalation's phone call needs it
const FIELDS = [["name", "Name", "text", null], ["email", "E-mail", "email", "email"], ["phone", "Phone", "tel", "tel"]];

export function canEditRota(me) {
  return (me.roles || []).some((role) => role === "ops" || role === "admin");
}

// Field errors by row and field, and errors of the whole rota: the domain's Rota rules, said before the API says them.
export function rotaErrors(rota) {
  const rows = rota.people.map((p) => {
    const errors = {};
    if (!p.name.trim()) errors.name = "Enter a name.";
    if (!EMAIL.test(p.email.trim())) errors.email = "Enter an e-mail address like name@example.com: pages go there.";
    if (p.phone.trim() && !PHONE.test(p.phone.trim())) errors.phone = "Use the international format, like +491701234567.";
    return errors;
  });
  const general = {};
  if (!rota.people.length) general.people = "Add at least one person: an alarm needs someone to page.";
  const ack = Number(rota.ack_seconds);
  if (!Number.isInteger(ack) || ack < 10 || ack > 86400) general.ack = "Enter whole seconds from 10 to 86400 (a day).";
  return { rows, general, count: rows.reduce((n, e) => n + Object.keys(e).length, 0) + Object.keys(general).length };
}

const fromApi = (answer) => ({ people: answer.people.map((p) => ({ ...p, phone: p.phone || "" })), ack_seconds: answer.ack_seconds });

export function rotaSection(me) {
  const body = h("div", {}, state.loading("Loading the rota"));
  const section = h("section", { "aria-labelledby": "rota-title", class: "stack" },
    h("h2", { id: "rota-title" }, "On-call rota"), body);
  const editable = canEditRota(me);
  let rota = null;
  let shown = false; // errors appear after the first save attempt, then follow the typing
  let notice = null;

  function load() {
    api("/ops/rota").then((answer) => { rota = fromApi(answer); render(); }, (error) => mount(body, state.error(error, load)));
  }

  function render(focus = null) {
    mount(body, editable ? editor() : readOnly());
    if (editable) showErrors();
    if (focus) body.querySelector(focus)?.focus();
  }

  function readOnly() {
    return h("div", { class: "card stack" },
      h("p", { class: "muted small" }, "Only operations staff and admins can change the rota."),
      rota.people.length
        ? h("ol", { class: "rota-list" }, rota.people.map((p, i) => h("li", { class: "rota-row rota-person" },
          h("span", { class: "rota-step", "aria-hidden": "true" }, String(i + 1)),
          h("div", { class: "rota-text" }, h("strong", {}, p.name), h("span", { class: "muted" }, p.email),
            h("span", { class: "mono" }, p.phone || "no phone")))))
        : state.empty("Nobody is on call", "Alarms cannot page anyone until operations add people."),
      h("p", { class: "small" }, `Each person has ${rota.ack_seconds} seconds to acknowledge before the next is paged.`));
  }

  function editor() {
    return h("form", { class: "card stack rota-form", novalidate: true, onsubmit: save },
      h("p", { class: "muted small" },
        "People are paged in this order. Whoever does not acknowledge in time passes the page to the next; " +
        "after the last, the last person's phone rings."),
      notice,
      h("p", { class: "field-error", id: "rota-people-error", role: "alert", hidden: true }),
      h("ol", { class: "rota-list" }, rota.people.map((person, i) => row(person, i))),
      h("p", { class: "field-hint", id: "rota-call-warning", hidden: true }),
      h("div", {}, h("button", { class: "btn", type: "button", onclick: add }, "Add person")),
      h("div", { class: "rota-foot" },
        h("label", { class: "field ack-field" }, h("span", {}, "Seconds to acknowledge"),
          h("input", {
            class: "input", id: "rota-ack", name: "ack_seconds", type: "number", min: "10", max: "86400", step: "1",
            value: String(rota.ack_seconds), oninput: (e) => { rota.ack_seconds = e.target.value; showErrors(); },
          }),
          h("span", { class: "field-error", id: "rota-ack-error", hidden: true })),
        h("button", { class: "btn btn-primary", type: "submit" }, "Save rota")));
  }

  function row(person, i) {
    const who = person.name.trim() || `person ${i + 1}`;
    const move = (delta, label, off) => h("button", {
      class: "btn btn-small", type: "button", "aria-label": `${label} ${who}`, disabled: off,
      dataset: { move: String(delta) }, onclick: () => moveRow(i, delta),
    }, label);
    return h("li", { class: "rota-row", dataset: { index: String(i) } },
      h("span", { class: "rota-step", "aria-hidden": "true" }, String(i + 1)),
      h("div", { class: "rota-fields" }, FIELDS.map(([key, label, type, mode]) => h("label", { class: "field" },
        h("span", {}, label),
        h("input", {
          class: "input", id: `rota-${key}-${i}`, name: key, type, autocomplete: "off", inputmode: mode,
          value: person[key], placeholder: key === "phone" ? "optional" : null,
          oninput: (e) => { person[key] = e.target.value; showErrors(); },
        }),
        h("span", { class: "field-error", id: `rota-${key}-${i}-error`, hidden: true })))),
      h("div", { class: "rota-actions" },
        move(-1, "Move up", i === 0), move(1, "Move down", i === rota.people.length - 1),
        h("button", { class: "btn btn-small btn-danger", type: "button", "aria-label": `Remove ${who}`, onclick: () => remove(i) }, "Remove")));
  }

  // Updates the error texts in place: typing must not rebuild the inputs (focus and caret would jump).
  function showErrors() {
    const errors = rotaErrors(rota);
    const mark = (inputId, errorId, text) => {
      const message = body.querySelector(`#${errorId}`);
      const input = inputId ? body.querySelector(`#${inputId}`) : null;
      const visible = Boolean(shown && text);
      if (message) { message.textContent = visible ? text : ""; message.hidden = !visible; }
      if (!input) return;
      if (visible) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", errorId); }
      else { input.removeAttribute("aria-invalid"); input.removeAttribute("aria-describedby"); }
    };
    errors.rows.forEach((rowErrors, i) => FIELDS.forEach(([key]) => mark(`rota-${key}-${i}`, `rota-${key}-${i}-error`, rowErrors[key])));
    mark("rota-ack", "rota-ack-error", errors.general.ack);
    mark(null, "rota-people-error", errors.general.people);
    const warning = body.querySelector("#rota-call-warning");
    const last = rota.people[rota.people.length - 1];
    warning.hidden = !(last && !last.phone.trim());
    warning.textContent = warning.hidden ? "" : `${last.name.trim() || "The last person"} has no phone number: the final call cannot be placed.`;
    return errors;
  }

  function add() {
    rota.people.push({ name: "", email: "", phone: "" });
    notice = null;
    render(`#rota-name-${rota.people.length - 1}`);
  }

  function remove(i) {
    rota.people.splice(i, 1);
    notice = null;
    render(rota.people.length ? `#rota-name-${Math.min(i, rota.people.length - 1)}` : ".rota-form .btn");
  }

  function moveRow(i, delta) {
    const j = i + delta;
    [rota.people[i], rota.people[j]] = [rota.people[j], rota.people[i]];
    notice = null;
    // Keep the keyboard on the moved person: the same button on its new row, or the other one at an end.
    const atEnd = j === 0 || j === rota.people.length - 1;
    render(`.rota-row[data-index="${j}"] [data-move="${atEnd ? -delta : delta}"]`);
  }

  async function save(event) {
    event.preventDefault();
    shown = true;
    const errors = showErrors();
    if (errors.count) {
      notice = h("p", { class: "banner banner-bad", role: "alert" }, errors.count === 1
        ? "One field needs fixing before the rota can be saved."
        : `${errors.count} fields need fixing before the rota can be saved.`);
      render(".rota-form [aria-invalid=true]");
      return;
    }
    body.querySelector("button[type=submit]").disabled = true;
    const payload = {
      people: rota.people.map((p) => ({ name: p.name.trim(), email: p.email.trim(), phone: p.phone.trim() })),
      ack_seconds: Number(rota.ack_seconds),
    };
    try {
      const saved = await api("/ops/rota", { method: "PUT", body: payload });
      rota = fromApi(saved);
      notice = h("p", { class: "banner", role: "status" },
        `Rota saved: ${saved.people.length} on call, ${saved.ack_seconds} s to acknowledge.`);
    } catch (error) {
      notice = h("p", { class: "banner banner-bad", role: "alert" }, `The rota was not saved: ${error.message}`);
    }
    render(".rota-form button[type=submit]");
  }

  load();
  return section;
}
