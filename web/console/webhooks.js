// Webhooks (admins): subscriptions with a health badge, the delivery log with replay, a test event, secrets.
import { h, mount, state, toast, badge, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { when } from "/shared/format.js";
import { checks } from "./admin-desk.js";

const HEALTH = { healthy: "ok", failing: "warn", disabled: "bad" };
const DELIVERY = { delivered: "ok", pending: "warn", failed: "bad" };

function secretCard(title, secret) {
  return h("div", { class: "card stack", id: "webhook-secret", role: "status" }, h("strong", {}, title),
    h("p", { class: "small muted" }, "Shown once: store it with the receiver, which verifies each delivery with it (Standard Webhooks)."),
    h("code", { class: "mono", id: "webhook-secret-value" }, secret));
}

function createForm(types, done) {
  const url = h("input", { id: "webhook-url", class: "input", type: "url", required: true, placeholder: "https://example.com/hooks", autocomplete: "off" });
  const description = h("input", { id: "webhook-description", class: "input", maxlength: 500, autocomplete: "off" });
  const offered = types.filter((t) => t.type !== "webhook.test"); // sent by the "Send test event" button only
  const [events, chosen] = checks("webhook-event", "Events", offered.map((t) => [t.type, t.type]), ["ticket.created"]);
  const problem = h("p", { class: "field-error", role: "alert", id: "webhook-error" });
  const submit = (event) => {
    event.preventDefault();
    mount(problem);
    api("/webhooks", { method: "POST", body: { url: url.value.trim(), events: chosen(), description: description.value } })
      .then((made) => { event.target.reset(); done(secretCard(`Signing secret of ${made.url}`, made.secret)); }, (error) => mount(problem, error.message));
  };
  return h("form", { class: "card stack", id: "webhook-form", "aria-labelledby": "webhook-form-title", onsubmit: submit },
    h("h2", { id: "webhook-form-title" }, "Add a webhook"),
    h("div", { class: "admin-fields" }, h("label", { class: "field" }, h("span", {}, "Target URL (https)"), url),
      h("label", { class: "field" }, h("span", {}, "Description"), description)),
    events, problem, h("button", { class: "btn btn-primary", type: "submit" }, "Add webhook"));
}

function attempts(delivery) {
  return h("ol", { class: "small" }, delivery.attempts.map((a) => h("li", {},
    `${when(a.at)} · ${a.status ?? "no answer"} · ${a.latency_ms} ms${a.replay ? " · replay" : ""} · `,
    h("span", { class: "mono muted" }, a.excerpt.slice(0, 120)))));
}

function deliveryLog(hook, awaitFirst = false) {
  const body = h("div", {}, state.loading("Loading deliveries"));
  const since = h("input", { id: "replay-since", class: "input", type: "datetime-local" });
  // The worker answers within seconds: the log refreshes until the replayed attempt shows (at most ~20 s).
  const until = (done, left = 20) => load().then((items) => !done(items) && left > 0 && setTimeout(() => until(done, left - 1), 1000));
  const tried = (items, d) => ((items || []).find((x) => x.id === d.id)?.attempts.length || 0) > d.attempts.length;
  const replay = (delivery) => api(`/webhooks/${hook.id}/deliveries/${delivery.id}/replay`, { method: "POST" })
    .then(() => { toast(`Replaying ${delivery.event_type}`); until((items) => tried(items, delivery)); }, (error) => toast(error.message));
  const replaySince = () => since.value && api(`/webhooks/${hook.id}/replay`, { method: "POST", body: { since: new Date(since.value).toISOString() } })
    .then((r) => { toast(`${r.replayed} deliveries replayed`); until(() => false, 5); }, (error) => toast(error.message));
  function load() {
    return api(`/webhooks/${hook.id}/deliveries?limit=50`).then((page) => (mount(body, page.items.length
      ? dataTable(`Deliveries to ${hook.url}`, ["Event", "Webhook id", "State", "Attempts", "Created", ""], page.items.map((d) => ({ cells: [
        d.event_type, h("span", { class: "mono small" }, d.event_id), badge(d.state, DELIVERY[d.state]), attempts(d), when(d.created_at),
        h("button", { class: "btn btn-small", type: "button", "aria-label": `Replay ${d.event_type} ${d.event_id}`, onclick: () => replay(d) }, "Replay")] })))
      : state.empty("No deliveries yet", "Send a test event or wait for the first event.")), page.items),
    (error) => { mount(body, state.error(error, load)); return null; });
  }
  if (awaitFirst) until((items) => items?.some((d) => d.attempts.length)); else load();
  return h("section", { class: "card stack", id: "delivery-log", "aria-labelledby": "delivery-log-title" },
    h("h2", { id: "delivery-log-title" }, `Delivery log: ${hook.description || hook.url}`),
    h("div", { class: "row" }, h("label", { class: "field" }, h("span", {}, "Replay everything since"), since),
      h("button", { class: "btn", type: "button", onclick: replaySince }, "Replay since"),
      h("button", { class: "btn", type: "button", onclick: load }, "Refresh")), body);
}

function hooksTable(hooks, { reload, show, log }) {
  if (!hooks.length) return state.empty("No webhooks", "Add one to send events to your CRM, chat or automation.");
  const act = (hook, path, body, done) => api(`/webhooks/${hook.id}${path}`, body)
    .then((answer) => { toast(done); reload(); return answer; }, (error) => toast(error.message));
  return dataTable("Webhooks", ["Target", "Events", "Health", ""], hooks.map((hook) => ({ cells: [
    h("div", {}, h("strong", { class: "mono" }, hook.url), h("div", { class: "small muted" }, hook.description)),
    h("span", { class: "small" }, hook.events.join(", ")),
    h("span", { class: "webhook-health" }, badge(hook.health, HEALTH[hook.health]),
      hook.disabled_reason ? h("span", { class: "small muted" }, ` ${hook.disabled_reason}`) : null,
      hook.last_success_at ? h("div", { class: "small muted" }, `last success ${when(hook.last_success_at)}`) : null),
    h("div", { class: "row" },
      h("button", { class: "btn btn-small", type: "button", onclick: () => log(hook) }, "Deliveries"),
      h("button", { class: "btn btn-small", type: "button", onclick: () => act(hook, "/test", { method: "POST" }, "Test event sent").then(() => log(hook, true)) }, "Send test event"),
      h("button", { class: "btn btn-small", type: "button", onclick: () => act(hook, "/rotate", { method: "POST" }, "Secret rotated")
        .then((r) => r && show(secretCard("New signing secret (the old one signs too for 24 hours)", r.secret))) }, "Rotate secret"),
      h("button", { class: "btn btn-small", type: "button", onclick: () => act(hook, "", { method: "PATCH", body: { enabled: !hook.enabled } }, hook.enabled ? "Disabled" : "Enabled") },
        hook.enabled ? "Disable" : "Enable"),
      h("button", { class: "btn btn-small", type: "button", onclick: () => confirm(`Delete the webhook to ${hook.url}?`) && act(hook, "", { method: "DELETE" }, "Deleted") }, "Delete")),
  ] })));
}

export function webhooksPage() {
  const notice = h("div", {});
  const list = h("section", { class: "stack", "aria-labelledby": "webhooks-title" }, h("h2", { id: "webhooks-title" }, "Subscriptions"), state.loading("Loading webhooks"));
  const logBox = h("div", {});
  const form = h("div", {});
  const show = (card) => mount(notice, card);
  const log = (hook, awaitFirst) => mount(logBox, deliveryLog(hook, awaitFirst));
  const load = () => Promise.all([api("/webhooks"), api("/webhooks/events")]).then(([hooks, types]) => {
    mount(list, h("h2", { id: "webhooks-title" }, "Subscriptions"), hooksTable(hooks.items, { reload: load, show, log }));
    if (!form.firstChild) mount(form, createForm(types, (card) => { show(card); load(); }));
  }, (error) => mount(list, state.error(error, load)));
  mount(document.getElementById("app"), h("main", { class: "page stack", id: "main" }, h("h1", {}, "Webhooks"),
    h("p", { class: "muted" }, "Signed events (Standard Webhooks) to other systems, retried for about three days. ",
      h("a", { href: "#/admin" }, "Back to Admin")), notice, list, logBox, form));
  load();
}
