// Conversations an agent starts: a new ticket by writing to a customer first, and a message of a ticket
// forwarded to someone outside it (staff-only on the ticket; the customer never sees it).
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const field = (caption, control) => h("label", { class: "field" }, h("span", { class: "label" }, caption), control);

function submitting(button, error, work) {
  return async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      error.textContent = "";
      await work();
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      button.disabled = false;
    }
  };
}

export function newConversationControl() {
  const to = h("input", { class: "input", id: "new-to", type: "email", required: true, autocomplete: "off" });
  const subject = h("input", { class: "input", id: "new-subject", required: true, maxlength: 300 });
  const text = h("textarea", { class: "input", id: "new-text", rows: 5, required: true });
  const send = h("button", { class: "btn btn-primary", type: "submit" }, "Send and open ticket");
  const error = h("p", { class: "small", role: "alert", style: "color:var(--bad)" });
  const token = crypto.randomUUID();  // a double click or a retry opens one ticket
  const form = h("form", { class: "stack new-conversation-form" }, field("To", to), field("Subject", subject),
    field("Message", text), error, h("div", { class: "row" }, send));
  form.addEventListener("submit", submitting(send, error, async () => {
    const ticket = await api("/tickets", { method: "POST", body: { to: to.value.trim(), subject: subject.value, text: text.value, client_token: token } });
    toast(`Ticket #${ticket.number} opened; the mail is on its way`);
    location.hash = `#/tickets/${encodeURIComponent(ticket.id)}`;
  }));
  return h("details", { class: "new-conversation" }, h("summary", { class: "btn btn-small" }, "New conversation"), h("div", { class: "card" }, form));
}

export function forwardControl(ticket, { onForwarded } = {}) {
  const to = h("input", { class: "input", id: "forward-to", type: "email", required: true, autocomplete: "off" });
  const note = h("textarea", { class: "input", id: "forward-note", rows: 3 });
  const send = h("button", { class: "btn btn-small", type: "submit" }, "Forward");
  const error = h("p", { class: "small", role: "alert", style: "color:var(--bad)" });
  const form = h("form", { class: "stack" }, field("To", to), field("Note above the customer's message", note), error, h("div", { class: "row" }, send));
  const node = h("details", { class: "forward" }, h("summary", { class: "small" }, "Forward"), form);
  form.addEventListener("submit", submitting(send, error, async () => {
    const sent = await api(`/tickets/${encodeURIComponent(ticket.id)}/forward`, { method: "POST", body: { to: to.value.trim(), text: note.value } });
    node.open = false;
    note.value = "";
    toast(`Forwarded to ${to.value.trim()}`);
    onForwarded?.(sent);
  }));
  return node;
}
