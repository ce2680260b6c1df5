// Reply (mail to the customer, with attachments) or internal note, in one box with two tabs.
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { attachmentsOf, newClientToken } from "/shared/files.js";

export function composer(ticket, me, { onSent }) {
  let mode = "reply";
  const text = h("textarea", { class: "textarea", id: "composer-text", name: "text", required: true, rows: 6 });
  const label = h("label", { for: "composer-text", class: "label" }, "Reply to the customer");
  const files = h("input", { type: "file", id: "composer-files", multiple: true, class: "small" });
  const filesField = h("label", { class: "field" }, h("span", {}, "Attachments"), files);
  const send = h("button", { class: "btn btn-primary", type: "submit" }, "Send reply");
  const error = h("p", { class: "small", style: "color:var(--bad)", role: "alert" });
  const tab = (name, caption) => h("button", { type: "button", "aria-pressed": String(name === mode), dataset: { mode: name }, onclick: () => setMode(name) }, caption);
  const tabs = h("div", { class: "tabs", role: "group", "aria-label": "Write a" }, tab("reply", "Reply"), tab("note", "Internal note"));
  const form = h("form", { class: "card composer", "aria-label": "Write a reply or note" }, tabs, h("div", { class: "stack" },
    h("div", { class: "field" }, label, text), filesField, error,
    h("div", { class: "spread" }, h("span", { class: "hint" }, h("span", { class: "kbd" }, "Ctrl"), " + ", h("span", { class: "kbd" }, "Enter"), " sends"), send)));

  function setMode(name) {
    mode = name;
    form.classList.toggle("note-mode", name === "note");
    tabs.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.mode === name)));
    label.textContent = name === "note" ? "Internal note (only staff see it)" : "Reply to the customer";
    send.textContent = name === "note" ? "Add note" : "Send reply";
    filesField.hidden = name === "note";
  }

  async function submit(event) {
    event.preventDefault();
    const body = text.value.trim();
    if (!body) { error.textContent = "Write something first."; text.focus(); return; }
    send.disabled = true;
    error.textContent = "";
    try {
      const id = encodeURIComponent(ticket.id);
      if (mode === "note") await api(`/tickets/${id}/notes`, { method: "POST", body: { text: body } });
      else await api(`/tickets/${id}/replies`, { method: "POST", body: { text: body, attachments: await attachmentsOf(files), client_token: newClientToken() } });
      toast(mode === "note" ? "Note added" : "Reply sent");
      text.value = "";
      files.value = "";
      await onSent();
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      send.disabled = false;
    }
  }
  form.addEventListener("submit", submit);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
    if (event.key === "Escape") text.blur();
  });
  return {
    node: form,
    focus(name) { setMode(name); text.focus(); form.scrollIntoView({ block: "nearest" }); },
  };
}
