// The live inbox: asks the staff API only for what changed since its last answer (`updated_since`), every few
// seconds while the tab is visible. New tickets raise an "N new" banner; the tab title carries the unread count.
import { api, loadConfig } from "/shared/session.js";

const BASE_TITLE = document.title;

export function tabTitle(unread) {
  document.title = unread ? `(${unread}) ${BASE_TITLE}` : BASE_TITLE;
}

// onChanges({ items, left, unread }) is called with every non-empty answer.
export function liveInbox(query, since, onChanges) {
  let cursor = since, timer = null, busy = false, stopped = false;
  async function poll() {
    if (stopped || busy || document.hidden || !cursor) return; // a hidden tab asks again when it is looked at
    busy = true;
    try {
      const answer = await api("/tickets", { query: { ...query(), updated_since: cursor } });
      cursor = answer.since || cursor;
      if (!stopped && (answer.items.length || answer.left?.length)) onChanges(answer);
    } catch { /* a failed poll is retried on the next tick */ } finally { busy = false; }
  }
  const onVisible = () => { if (!document.hidden) poll(); };
  document.addEventListener("visibilitychange", onVisible);
  loadConfig().then((cfg) => {
    if (!stopped) timer = setInterval(poll, Math.max(1, Math.min(5, cfg.pollSeconds || 5)) * 1000);
  });
  return {
    restart(next) { cursor = next; },
    stop() { stopped = true; clearInterval(timer); document.removeEventListener("visibilitychange", onVisible); },
  };
}
