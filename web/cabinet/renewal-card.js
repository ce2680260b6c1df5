// The card the subscriptions' renewals are charged to (GET /subscriptions/card -> {card}) and replacing it
// (POST /subscriptions/card -> {url}: the payment page in setup mode; it charges nothing and comes back here).
import { h, mount } from "/shared/dom.js";
import { api } from "/shared/session.js";

async function replace(button, problem) {
  button.disabled = true;
  mount(problem);
  try {
    const answer = await api("/subscriptions/card", { method: "POST", body: {} });
    location.assign(answer.url);
  } catch (error) {
    button.disabled = false;
    mount(problem, error.message);
  }
}

export function renewalCard(route) {
  const box = h("section", { class: "card stack", "aria-label": "Card for renewals", hidden: true });
  api("/subscriptions/card").then(({ card }) => {
    if (!card) return;
    const problem = h("p", { class: "field-error", role: "alert" });
    const button = h("button", { class: "btn btn-small", type: "button" }, "Replace card");
    button.addEventListener("click", () => replace(button, problem));
    const saved = route.query?.card === "saved";
    mount(box, saved ? h("p", { class: "banner", role: "status" }, "Your new card is saved: the next renewal is charged to it.") : null,
      h("div", { class: "spread" }, h("span", {}, "Renewals are charged to ", h("strong", { class: "saved-card" }, card), "."), button), problem);
    box.hidden = false;
  }, () => {});
  return box;
}
