// A license's self-service in the cabinet: its downloads (short-lived links), its activations (free one) and
// moving it to another shop domain (GET /licenses/:id/downloads|activations, POST .../deactivate|move).
import { h, mount, state, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day, when } from "/shared/format.js";
import { planChange } from "./plan-change.js";

const path = (l, what) => `/licenses/${encodeURIComponent(l.id)}/${what}`;

function downloads(l) {
  const list = h("div", {}, state.loading("Loading downloads"));
  api(path(l, "downloads")).then((items) => mount(list, items.length
    ? h("ul", { class: "stack", style: "list-style:none;padding:0", "aria-label": "Downloads" }, items.map((d) => h("li", { class: "spread" },
      h("span", {}, h("strong", {}, `Version ${d.version}`), " ", h("span", { class: "muted small" }, day(d.released_at))),
      h("a", { class: "btn btn-small", href: d.url, download: d.file_name }, "Download"))))
    : state.empty("Nothing to download", "No release falls in this license's updates period yet.")), (error) => mount(list, state.error(error)));
  return list;
}

function activations(l, onMoved) {
  const box = h("div", {}, state.loading("Loading activations"));
  const load = () => api(path(l, "activations")).then((a) => mount(box,
    a.activations.length ? h("ul", { class: "stack", style: "list-style:none;padding:0", "aria-label": "Activations" }, a.activations.map((x) => h("li", { class: "spread" },
      h("span", {}, x.host, " ", h("span", { class: "muted small" }, `since ${when(x.activated_at)}`)),
      h("button", { class: "btn btn-small", type: "button", "aria-label": `Deactivate ${x.host}`, onclick: () =>
        api(path(l, "deactivate"), { method: "POST", body: { host: x.host } }).then(() => { toast(`${x.host} deactivated`); load(); }, (e) => toast(e.message)) },
      "Deactivate"))))
      : h("p", { class: "muted" }, "Not activated on any shop yet."),
    moveForm(l, a.moves_left, onMoved)), (error) => mount(box, state.error(error, load)));
  load();
  return box;
}

function moveForm(l, movesLeft, onMoved) {
  if (!movesLeft) return h("p", { class: "muted small" }, "This license moved twice this year: ask us in a ticket to move it again.");
  const from = h("select", { class: "input", id: `move-from-${l.id}` }, (l.domains || []).map((d) => h("option", { value: d }, d)));
  const to = h("input", { class: "input", id: `move-to-${l.id}`, required: true, placeholder: "newshop.example", inputmode: "url", autocomplete: "off" });
  const problem = h("p", { class: "field-error", role: "alert" });
  const submit = (event) => {
    event.preventDefault();
    mount(problem);
    api(path(l, "move"), { method: "POST", body: { old_domain: from.value, new_domain: to.value.trim() } })
      .then((moved) => { toast(`Moved to ${moved.domains.join(", ")}: use the new key`); onMoved(); }, (error) => mount(problem, error.message));
  };
  return h("form", { class: "stack", onsubmit: submit, "aria-label": `Move ${l.title} to another domain` },
    h("p", { class: "muted small" }, `Move to another shop domain (${movesLeft} ${movesLeft === 1 ? "move" : "moves"} left this year). The key changes.`),
    h("label", { class: "field" }, h("span", {}, "From"), from), h("label", { class: "field" }, h("span", {}, "To"), to),
    problem, h("button", { class: "btn", type: "submit" }, "Move license"));
}

// A subscription ends at its period's end when cancelled (nothing more is charged) and may be resumed until then.
function renewalSwitch(l, reload) {
  if (!l.renews_on || l.state !== "active" && l.state !== "expiring") return null;
  const cancelled = l.renewal_cancelled;
  const act = () => api(path(l, cancelled ? "resume-renewal" : "cancel"), { method: "POST" })
    .then(() => { toast(cancelled ? "Renewal resumed" : `Ends on ${day(l.renews_on)}: nothing more is charged`); reload(); }, (e) => toast(e.message));
  return h("div", { class: "spread" },
    h("span", { class: "muted small" }, cancelled ? `Ends on ${day(l.renews_on)} (renewal cancelled).` : `Renews on ${day(l.renews_on)}.`),
    h("button", { class: "btn btn-small", type: "button", onclick: act }, cancelled ? "Resume renewal" : "Cancel at period end"));
}

// Opened on demand: each part asks the API only when its section is expanded.
export function licenseTools(l, reload) {
  const lazy = (title, build) => {
    const body = h("div");
    const details = h("details", { class: "license-tool" }, h("summary", {}, title), body);
    details.addEventListener("toggle", () => { if (details.open && !body.firstChild) mount(body, build()); });
    return details;
  };
  if (["revoked", "suspended"].includes(l.state)) return null;
  const subscription = l.renews_on && ["active", "expiring"].includes(l.state) && !l.renewal_cancelled;
  return h("div", { class: "stack" }, renewalSwitch(l, reload), lazy("Downloads", () => downloads(l)),
    lazy("Activations and domain", () => activations(l, reload)),
    subscription ? lazy("Change plan", () => planChange(l, reload)) : null);
}
