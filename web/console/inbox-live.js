// The live inbox: asks the staff API only for what changed since its last answer (`updated_since`), every few
// seconds while the tab is visible and every 30 s while it is hidden (the tab title still counts what is new;
// each poll is a billed API request, docs/cost.md). New tickets raise an "N new" banner.
import { api, loadConfig } from "/shared/session.js";

const BASE_TITLE = document.title;
const HIDDEN_POLL_MS = 30000;

export function tabTitle(unread) {
  document.title = unread ? `(${unread}) ${BASE_TITLE}` : BASE_TITLE;
}

// onChanges({ items, left, unread }) is called with every non-empty answer.
export function liveInbox(query, since, onChanges) {
  let cursor = since, timer = null, busy = false, stopped = false, visibleMs = null;
  async function poll() {
    if (stopped || busy || !cursor) return;
    busy = true;
    try {
      const answer = await api("/tickets", { query: { ...query(), updated_since: cursor } });
      cursor = answer.since || cursor;
      if (!stopped && (answer.items.length || answer.left?.length)) onChanges(answer);
    } catch { /* a failed poll is retried on the next tick */ } finally { busy = false; }
  }
  function schedule() { // the period follows the tab: a change of visibility starts a new one
    clearTimeout(timer);
    if (stopped || !visibleMs) return;
    timer = setTimeout(() => { poll(); schedule(); }, document.hidden ? HIDDEN_POLL_MS : visibleMs);
  }
  const onVisibility = () => { if (!document.hidden) poll(); schedule(); };
  document.addEventListener("visibilitychange", onVisibility);
  loadConfig().then((cfg) => {
    visibleMs = Math.max(1, Math.min(5, cfg.pollSeconds || 5)) * 1000;
    schedule();
  });
  return {
    restart(next) { cursor = next; },
    stop() { stopped = true; clearTimeout(timer); document.removeEventListener("visibilitychange", onVisibility); },
  };
}
