// The ticket page's "Chat identity" card: a Telegram chat or WhatsApp number nobody tied to an account, which
// the agent recognises as a known customer, is merged into them (its tickets and later messages go to them).
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const CHANNELS = { "telegram.invalid": "Telegram chat", "whatsapp.invalid": "WhatsApp number" };

export function identityCard(customer, { onMerged }) {
  const kind = customer && CHANNELS[(customer.email || "").split("@")[1]];
  if (!kind) return null;
  const email = h("input", { class: "input input-small", id: "identity-merge-email", type: "email", required: true,
    placeholder: "customer@example.com", autocomplete: "off" });
  const problem = h("p", { class: "field-error", role: "alert" });
  const button = h("button", { class: "btn btn-small", type: "submit" }, "Merge into customer");
  const form = h("form", { class: "stack", id: "identity-merge" },
    h("label", { class: "field", for: "identity-merge-email" }, h("span", {}, "Known customer's e-mail"), email), button, problem);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    problem.textContent = "";
    try {
      const merged = await api(`/channels/identities/${encodeURIComponent(customer.id)}/merge`, { method: "POST", body: { customer_email: email.value } });
      toast(`Merged into ${merged.email}: ${merged.moved} ticket${merged.moved === 1 ? "" : "s"} moved.`);
      onMerged();
    } catch (error) {
      problem.textContent = error.status === 404 ? "No customer with this e-mail." : error.message;
      button.disabled = false;
    }
  });
  return h("section", { class: "card", "aria-labelledby": "identity-title" }, h("h2", { id: "identity-title" }, "Chat identity"),
    h("p", { class: "muted small" }, `This ${kind} is not tied to a customer yet. If it is someone you know, merge it: `,
      "their earlier and later tickets go to that customer, and replies still go out on the chat."), form);
}
