// "Boris is viewing / is replying": a heartbeat every few seconds while the ticket page is open, and a line
// naming the colleagues on the same ticket. Leaving the page says so at once.
import { h } from "/shared/dom.js";
import { api } from "/shared/session.js";

const BEAT_MS = 3000;

export function presenceLine(ticketId, { replying }) {
  const node = h("div", { class: "presence", "aria-live": "polite", id: "presence" });
  const path = `/tickets/${encodeURIComponent(ticketId)}/presence`;
  let stopped = false;

  function show(others) {
    node.replaceChildren(...others.map((p) => h("span", { class: `presence-chip presence-${p.state}`, dataset: { state: p.state } },
      `${p.name || p.email} is ${p.state === "replying" ? "replying" : "viewing"}`)));
  }

  async function beat() {
    if (stopped || document.hidden) return;
    try {
      show((await api(path, { method: "POST", body: { state: replying() ? "replying" : "viewing" } })).others);
    } catch { /* retried on the next beat */ }
  }

  beat();
  const timer = setInterval(beat, BEAT_MS);
  return {
    node,
    stop() {
      stopped = true;
      clearInterval(timer);
      api(path, { method: "POST", body: { state: "left" } }).catch(() => {});
    },
  };
}
