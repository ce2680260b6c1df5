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

  let told = null;
  async function beat() {
    if (stopped || document.hidden) return;
    told = replying() ? "replying" : "viewing";
    try {
      show((await api(path, { method: "POST", body: { state: told } })).others);
    } catch { /* retried on the next beat */ }
  }
  // Starting (or clearing) a reply is told at once, not on the next beat: colleagues see it within one of theirs.
  const onInput = () => { if ((replying() ? "replying" : "viewing") !== told) beat(); };

  beat();
  const timer = setInterval(beat, BEAT_MS);
  document.addEventListener("input", onInput, true);
  return {
    node,
    stop() {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("input", onInput, true);
      api(path, { method: "POST", body: { state: "left" } }).catch(() => {});
    },
  };
}
