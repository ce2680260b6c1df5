// Time tracking on a ticket: a timer or minutes typed in, billable or not; totals per ticket and agent.
import { h, mount, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const label = (minutes) => (minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`);

export function timeCard(ticket) {
  const path = `/tickets/${encodeURIComponent(ticket.id)}/time`;
  const totals = h("p", { class: "small", id: "time-totals" }, "…");
  const minutes = h("input", { class: "input input-small", id: "time-minutes", type: "number", min: 1, max: 1440, required: true, "aria-label": "Minutes" });
  const billable = h("input", { type: "checkbox", id: "time-billable", checked: true });
  let started = null, tick = null;
  const timer = h("button", { class: "btn btn-small", type: "button", id: "time-timer", onclick: () => {
    if (started === null) {
      started = Date.now();
      timer.textContent = "Stop timer";
      tick = setInterval(() => { minutes.value = String(Math.max(1, Math.round((Date.now() - started) / 60000))); }, 1000);
    } else {
      clearInterval(tick);
      minutes.value = String(Math.max(1, Math.round((Date.now() - started) / 60000)));
      started = null;
      timer.textContent = "Start timer";
    }
  } }, "Start timer");

  async function refresh() {
    try {
      const sheet = await api(path);
      const people = Object.entries(sheet.totals.by_agent).map(([who, m]) => `${who.replace(/@.*/, "")} ${label(m)}`).join(", ");
      totals.textContent = sheet.totals.minutes
        ? `${label(sheet.totals.minutes)} logged (${label(sheet.totals.billable_minutes)} billable)${people ? ": " + people : ""}`
        : "No time logged yet.";
    } catch { totals.textContent = "Time could not be loaded."; }
  }
  const form = h("form", { class: "row time-form", onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api(path, { method: "POST", body: { minutes: Number(minutes.value), billable: billable.checked, client_token: crypto.randomUUID() } });
      minutes.value = "";
      toast("Time logged");
      refresh();
    } catch (error) { toast(`Could not log time: ${error.message}`); }
  } }, minutes, h("label", { class: "row small" }, billable, "Billable"), timer, h("button", { class: "btn btn-small btn-primary", type: "submit" }, "Log time"));
  refresh();
  return h("section", { class: "card", "aria-labelledby": "time-title" }, h("h2", { id: "time-title" }, "Time"), totals, form);
}
