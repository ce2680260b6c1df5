// Snooze: the ticket waits (pending, SLA clocks paused) until the chosen time, then opens again by itself.
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const pad = (n) => String(n).padStart(2, "0");
const localValue = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

export function snoozeControl(ticket, { onSnoozed }) {
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setHours(9, 0, 0, 0);
  const until = h("input", { class: "input", id: "snooze-until", type: "datetime-local", value: localValue(tomorrow) });
  const go = h("button", { class: "btn btn-small", type: "button" }, "Snooze");
  const error = h("p", { class: "small", role: "alert", style: "color:var(--bad)" });
  const node = h("details", { class: "snooze" }, h("summary", { class: "small" }, "Snooze"),
    h("div", { class: "row" }, h("label", { class: "field" }, h("span", { class: "label" }, "Until"), until), go), error);
  go.addEventListener("click", async () => {
    const at = new Date(until.value);
    if (Number.isNaN(at.getTime())) { error.textContent = "Pick a date and time."; return; }
    go.disabled = true;
    try {
      const changed = await api(`/tickets/${encodeURIComponent(ticket.id)}/snooze`, { method: "POST", body: { until: at.toISOString() } });
      error.textContent = "";
      node.open = false;
      toast(`Snoozed until ${at.toLocaleString()}`);
      onSnoozed(changed);
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      go.disabled = false;
    }
  });
  return node;
}
