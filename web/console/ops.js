// Operations: queue and dead-letter depths (GET /health) and quarantined mail with a re-process button.
import { h, mount, state, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { bytes, duration, when } from "/shared/format.js";

function queuesTable(health) {
  if (!health.queues.length) return state.empty("No queues reported");
  return h("div", { class: "table-wrap" }, h("table", { class: "table" },
    h("caption", { class: "visually-hidden" }, "Queues"),
    h("thead", {}, h("tr", {}, ["Queue", "Kind", "Waiting", "In flight", "Delayed", "Oldest"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, health.queues.map((q) => h("tr", { class: q.dead_letter && q.visible > 0 ? "dlq-alert" : null },
      h("td", { class: "mono" }, q.name),
      h("td", {}, q.dead_letter ? badge("dead letters", "dlq") : badge("queue")),
      h("td", {}, String(q.visible)), h("td", {}, String(q.in_flight)), h("td", {}, String(q.delayed)),
      h("td", {}, duration(q.oldest_age_seconds)))))));
}

function quarantineTable(page, reprocess) {
  if (!page.items.length) return state.empty("Quarantine is empty", "No mail is waiting for a decision.");
  return h("div", { class: "table-wrap" }, h("table", { class: "table" },
    h("caption", { class: "visually-hidden" }, "Quarantined mail"),
    h("thead", {}, h("tr", {}, ["Received", "From", "Subject", "Reason", "Size", ""].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, page.items.map((q) => h("tr", {},
      h("td", { class: "small" }, when(q.created_at)), h("td", {}, q.sender), h("td", {}, q.subject || "(no subject)"),
      h("td", {}, badge(q.reason, "warn")), h("td", { class: "small" }, bytes(q.size)),
      h("td", {}, q.status === "quarantined"
        ? h("button", { class: "btn btn-small", type: "button", "aria-label": `Re-process mail from ${q.sender}`, onclick: (e) => reprocess(q, e.currentTarget) }, "Re-process")
        : badge(q.status)))))));
}

export function opsPage(route, { app }) {
  const queues = h("div", {}, state.loading("Loading queues"));
  const quarantine = h("div", {}, state.loading("Loading quarantine"));
  mount(app, h("main", { class: "page stack", id: "main" },
    h("div", { class: "spread" }, h("h1", {}, "Operations"), h("button", { class: "btn", type: "button", onclick: () => load() }, "Refresh")),
    h("section", { "aria-labelledby": "queues-title", class: "stack" }, h("h2", { id: "queues-title" }, "Queues"), queues),
    h("section", { "aria-labelledby": "quarantine-title", class: "stack" }, h("h2", { id: "quarantine-title" }, "Quarantined mail"), quarantine)));

  async function reprocess(item, button) {
    button.disabled = true;
    try {
      await api(`/quarantine/${encodeURIComponent(item.key)}/reprocess`, { method: "POST" });
      button.replaceWith(badge("queued again", "ok"));
      toast("Sent back for processing");
    } catch (error) {
      button.disabled = false;
      toast(`Not re-processed: ${error.message}`);
    }
  }
  function load() {
    api("/health").then((health) => mount(queues, queuesTable(health)), (error) => mount(queues, state.error(error, load)));
    api("/quarantine").then((page) => mount(quarantine, quarantineTable(page, reprocess)), (error) => mount(quarantine, state.error(error, load)));
  }
  load();
}
