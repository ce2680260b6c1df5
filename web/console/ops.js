// Operations: queue and dead-letter depths (GET /health), connector health (integrations.js), escalations
// (pages.js), the on-call rota (rota.js) and
// quarantined mail with a re-process button.
import { h, mount, state, badge, toast, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { bytes, duration, when } from "/shared/format.js";
import { rotaSection } from "./rota.js";
import { pagesSection } from "./pages.js";
import { integrationsHealth } from "./integrations.js";

function queuesTable(health) {
  if (!health.queues.length) return state.empty("No queues reported");
  return dataTable("Queues", ["Queue", "Kind", "Waiting", "In flight", "Delayed", "Oldest"], health.queues.map((q) => ({
    class: q.dead_letter && q.visible > 0 ? "dlq-alert" : null,
    cells: [h("span", { class: "mono" }, q.name), q.dead_letter ? badge("dead letters", q.visible > 0 ? "dlq" : "plain") : badge("queue"),
      String(q.visible), String(q.in_flight), String(q.delayed), q.visible > 0 ? duration(q.oldest_age_seconds) : "—"],
  })));
}

function quarantineTable(page, reprocess) {
  if (!page.items.length) return state.empty("Quarantine is empty", "No mail is waiting for a decision.");
  return dataTable("Quarantined mail", ["Received", "From", "Subject", "Reason", "Size", ""], page.items.map((q) => ({
    cells: [when(q.created_at), q.sender, q.subject || "(no subject)", badge(q.reason, "warn"), bytes(q.size),
      q.status === "held"
        ? h("button", { class: "btn btn-small", type: "button", "aria-label": `Re-process mail from ${q.sender}`, onclick: (e) => reprocess(q, e.currentTarget) }, "Re-process")
        : badge(q.status)],
  })));
}

export function opsPage(route, { app, me }) {
  const queues = h("div", {}, state.loading("Loading queues"));
  const quarantine = h("div", {}, state.loading("Loading quarantine"));
  const escalations = pagesSection();
  const integrations = integrationsHealth();
  mount(app, h("main", { class: "page stack", id: "main" },
    h("div", { class: "spread" }, h("h1", {}, "Operations"),
      h("div", { class: "row" }, h("a", { href: link("/ops/held") }, "Held form submissions"),
        h("button", { class: "btn", type: "button", onclick: () => load() }, "Refresh"))),
    h("section", { "aria-labelledby": "queues-title", class: "stack" }, h("h2", { id: "queues-title" }, "Queues"), queues),
    integrations.section,
    escalations.section,
    rotaSection(me),
    h("section", { "aria-labelledby": "quarantine-title", class: "stack" }, h("h2", { id: "quarantine-title" }, "Quarantined mail"), quarantine)));

  async function reprocess(item, button) {
    button.disabled = true;
    try {
      const result = await api("/quarantine/reprocess", { method: "POST", body: { key: item.key } });
      const done = badge(result.outcome || "reprocessed", "ok");
      button.replaceWith(result.ticket_id ? h("a", { href: link(`/tickets/${encodeURIComponent(result.ticket_id)}`) }, done) : done);
      toast(result.reason ? `Processed: ${result.reason}` : "Processed again");
    } catch (error) {
      button.disabled = false;
      toast(`Not re-processed: ${error.message}`);
    }
  }
  function load() {
    api("/health").then((health) => mount(queues, queuesTable(health)), (error) => mount(queues, state.error(error, load)));
    api("/quarantine").then((page) => mount(quarantine, quarantineTable(page, reprocess)), (error) => mount(quarantine, state.error(error, load)));
    escalations.reload();
    integrations.reload();
  }
  load();
}
