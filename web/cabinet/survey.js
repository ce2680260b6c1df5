// The rating prompt on a solved ticket in the cabinet: the same survey as the mail's links, rated here by a
// signed-in customer (one rating, then one comment).
import { h, mount } from "/shared/dom.js";
import { api } from "/shared/session.js";

const LABEL = { good: "Good, I'm satisfied", bad: "Bad, I'm unsatisfied" };

export function surveyCard(ticket) {
  const card = h("section", { class: "card stack survey-card", "aria-label": "Rate our answer", hidden: true });
  if (ticket.status !== "solved" && ticket.status !== "closed") return card;
  const rate = (body) => api("/csat", { method: "POST", body });
  function show(survey) {
    card.hidden = false;
    if (!survey.rating) {
      return mount(card, h("h2", {}, "How did we do?"), h("div", { class: "row" },
        ["good", "bad"].map((r) => h("button", { class: "btn", type: "button", id: `csat-${r}`, onclick: async () => show({ ...survey, ...(await rate({ token: survey.token, rating: r })) }) }, LABEL[r]))));
    }
    const text = h("textarea", { id: "csat-comment", class: "input", rows: 3, maxlength: 2000 });
    const comment = survey.can_comment ? h("form", { class: "stack", onsubmit: async (event) => {
      event.preventDefault();
      show({ ...survey, ...(await rate({ token: survey.token, comment: text.value })) });
    } }, h("label", { class: "field", for: "csat-comment" }, h("span", {}, "Anything to add? (optional)"), text),
    h("div", {}, h("button", { class: "btn btn-primary", type: "submit" }, "Send comment"))) : null;
    mount(card, h("h2", { id: "csat-thanks" }, "Thank you for your rating"),
      h("p", { id: "csat-rating" }, `You rated this ticket: ${LABEL[survey.rating]}.`),
      survey.comment ? h("blockquote", {}, survey.comment) : null, comment);
  }
  api(`/tickets/${encodeURIComponent(ticket.id)}/survey`).then(show, () => {}); // no survey: no prompt
  return card;
}
