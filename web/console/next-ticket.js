// "Next ticket": the inbox remembers the order of the view it shows, so the ticket page can move on to the
// next open ticket of that view after a reply, without asking the server again. Only forward: the ones above
// were worked on already (their remembered status is stale).
import { link } from "/shared/router.js";

const VIEW = "helpdesk.console.view-order";
const WANTED = "helpdesk.console.then-next";
const WORKABLE = new Set(["new", "open"]);

export function rememberView(tickets) {
  sessionStorage.setItem(VIEW, JSON.stringify(tickets.map((t) => [t.id, t.status])));
}

export function nextTicketHref(currentId) {
  const order = JSON.parse(sessionStorage.getItem(VIEW) || "[]");
  const at = order.findIndex(([id]) => id === currentId);
  const next = order.slice(at + 1).find(([id, status]) => id !== currentId && WORKABLE.has(status));
  return next ? link(`/tickets/${encodeURIComponent(next[0])}`) : null;
}

export const thenNext = {
  get: () => localStorage.getItem(WANTED) === "1",
  set: (on) => localStorage.setItem(WANTED, on ? "1" : "0"),
};
