// The ticket page's "Customer rating" card: the survey mailed on solve and what the customer answered through
// its link or in the cabinet (never the link itself: it is the customer's single-use key).
import { h, badge } from "/shared/dom.js";
import { when } from "/shared/format.js";

const ANSWER = { good: ["Good", "solved"], bad: ["Bad", "urgent"] };

export function csatCard(csat) {
  if (!csat) return null;
  const answer = csat.rating
    ? h("p", { class: "row" }, badge(...ANSWER[csat.rating]), h("span", { class: "muted small" }, `rated ${when(csat.rated_at)}`))
    : h("p", { class: "muted small" }, `Survey sent ${when(csat.sent_at)}; no answer yet.`);
  return h("section", { class: "card stack", "aria-labelledby": "csat-title", id: "csat-card" },
    h("h2", { id: "csat-title" }, "Customer rating"), answer,
    csat.comment ? h("blockquote", { class: "csat-comment" }, csat.comment) : null);
}
