// Reply (mail to the customer, with attachments, CC/BCC, macros) or internal note, in one box with two tabs.
// A reply carries the newest message the agent saw: the server refuses it (409) when someone wrote since, and
// the agent reads what came in before deciding to send anyway.
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { attachmentsOf, newClientToken } from "/shared/files.js";
import { macroPicker } from "./macros.js";
import { signatureEditor } from "./signature.js";
import { snoozeControl } from "./snooze.js";
import { forwardControl } from "./conversation.js";
import { nextTicketHref, thenNext } from "./next-ticket.js";

const addresses = (value) => value.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean);

const CHANNEL_NAMES = { mail: "E-mail", telegram: "Telegram", whatsapp: "WhatsApp", omnidesk: "Omnidesk case" };

// The channel the reply goes out on: the customer's channels (GET /tickets/{id}/channels), the one they last
// wrote on chosen first. Mail replies keep the mail composer's options; others are plain text and files.
function channelChooser(ticket, lastChannel) {
  const select = h("select", { class: "input", id: "composer-channel", "aria-label": "Reply via" });
  const field = h("label", { class: "row small", hidden: true }, "Reply via", select);
  let useful = false; // worth showing: more than one channel, or only one that is not mail
  api(`/tickets/${encodeURIComponent(ticket.id)}/channels`).then(({ channels }) => {
    select.replaceChildren(...channels.map((c) => h("option", { value: c }, CHANNEL_NAMES[c] || c)));
    select.value = channels.includes(lastChannel) ? lastChannel : channels[0] || "mail";
    useful = channels.length > 1 || select.value !== "mail";
    field.hidden = !useful || field.dataset.note === "1";
  }, () => {});
  const inNote = (note) => { field.dataset.note = note ? "1" : ""; field.hidden = note || !useful; };
  return { field, inNote, value: () => select.value || "mail" };
}

export function composer(ticket, me, { onSent, seenMessageId, onTicketChanged, lastChannel = "mail" }) {
  let mode = "reply";
  let token = newClientToken(); // one per draft: a retried or confirmed send never goes twice
  const text = h("textarea", { class: "textarea", id: "composer-text", name: "text", required: true, rows: 6 });
  const label = h("label", { for: "composer-text", class: "label" }, "Reply to the customer");
  const files = h("input", { type: "file", id: "composer-files", multiple: true, class: "small" });
  const filesField = h("label", { class: "field" }, h("span", {}, "Attachments"), files);
  const cc = h("input", { class: "input", id: "composer-cc", type: "text", autocomplete: "off", placeholder: "name@example.com" });
  const bcc = h("input", { class: "input", id: "composer-bcc", type: "text", autocomplete: "off", placeholder: "name@example.com" });
  const copies = h("details", { class: "copies" }, h("summary", { class: "small" }, "CC / BCC"),
    h("div", { class: "copies-fields" },
      h("label", { class: "field" }, h("span", { class: "label" }, "CC"), cc),
      h("label", { class: "field" }, h("span", { class: "label" }, "BCC (hidden from the others)"), bcc)));
  const send = h("button", { class: "btn btn-primary", type: "submit" }, "Send reply");
  const sendAs = (status, caption) => h("button", { class: "btn send-as", type: "button", dataset: { status }, onclick: () => submit(null, { status }) }, caption);
  const sendPending = sendAs("pending", "Send and pending");
  const sendSolved = sendAs("solved", "Send and solved");
  const error = h("p", { class: "small", style: "color:var(--bad)", role: "alert" });
  const collision = h("div", { class: "collision", "aria-live": "assertive" });
  const picker = macroPicker(ticket, { onApplied: applied });
  const via = channelChooser(ticket, lastChannel);
  const signature = signatureEditor();
  const snooze = snoozeControl(ticket, { onSnoozed: (changed) => onTicketChanged?.(changed) });
  const forward = forwardControl(ticket, { onForwarded: () => onSent?.() });
  const next = h("input", { type: "checkbox", id: "composer-next", checked: thenNext.get(), onchange: (e) => thenNext.set(e.target.checked) });
  const nextField = h("label", { class: "row small" }, next, "Then open the next ticket");
  const tab = (name, caption) => h("button", { type: "button", "aria-pressed": String(name === mode), dataset: { mode: name }, onclick: () => setMode(name) }, caption);
  const tabs = h("div", { class: "tabs", role: "group", "aria-label": "Write a" }, tab("reply", "Reply"), tab("note", "Internal note"));
  const form = h("form", { class: "card composer", "aria-label": "Write a reply or note" }, tabs, h("div", { class: "stack" },
    picker.node,
    h("div", { class: "field" }, label, text), via.field, copies, signature, h("div", { class: "row" }, snooze, forward), filesField, collision, error,
    h("div", { class: "spread composer-actions" }, h("span", { class: "hint" }, h("span", { class: "kbd" }, "Ctrl"), " + ", h("span", { class: "kbd" }, "Enter"), " sends"),
      h("div", { class: "row" }, nextField, sendPending, sendSolved, send))));

  function setMode(name) {
    mode = name;
    form.classList.toggle("note-mode", name === "note");
    tabs.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.mode === name)));
    label.textContent = name === "note" ? "Internal note (only staff see it; @name tells a colleague)" : "Reply to the customer";
    send.textContent = name === "note" ? "Add note" : "Send reply";
    for (const node of [copies, signature, nextField, sendPending, sendSolved]) node.hidden = name === "note";
    via.inNote(name === "note");
  }

  function applied(result) {
    text.value = text.value.trim() ? `${text.value.trimEnd()}\n\n${result.text}` : result.text;
    setMode("reply");
    text.focus();
    onTicketChanged?.(result.ticket);
  }

  function showCollision(failure, options) {
    const newer = failure.body?.newer || [];
    collision.replaceChildren(h("div", { class: "banner banner-bad collision-banner", role: "alert" },
      h("div", { class: "stack" },
        h("strong", {}, failure.message || "Someone wrote on this ticket since you loaded it."),
        ...newer.map((m) => h("blockquote", { class: "small newer-message" },
          h("span", { class: "muted" }, `${m.author_name || m.author || m.from}: `), m.text.slice(0, 400)))),
      h("div", { class: "row" },
        h("button", { class: "btn btn-small", type: "button", onclick: () => { collision.replaceChildren(); onSent(); } }, "Review first"),
        h("button", { class: "btn btn-small btn-primary", type: "button", onclick: () => submit(null, { ...options, confirm: true }) }, "Send anyway"))));
  }

  async function submit(event, options = {}) {
    event?.preventDefault();
    const body = text.value.trim();
    if (!body) { error.textContent = "Write something first."; text.focus(); return; }
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => { b.disabled = true; });
    error.textContent = "";
    collision.replaceChildren();
    try {
      const id = encodeURIComponent(ticket.id);
      if (mode === "note") await api(`/tickets/${id}/notes`, { method: "POST", body: { text: body, attachments: await attachmentsOf(files) } });
      else if (via.value() !== "mail") await api(`/tickets/${id}/channel-replies`, { method: "POST", body: { channel: via.value(), text: body, attachments: await attachmentsOf(files) } });
      else await api(`/tickets/${id}/replies`, { method: "POST", body: {
        text: body, attachments: await attachmentsOf(files), client_token: token, seen_message_id: seenMessageId(),
        confirm: Boolean(options.confirm), status: options.status, cc: addresses(cc.value), bcc: addresses(bcc.value) } });
      toast(mode === "note" ? "Note added" : options.status ? `Reply sent, ticket ${options.status}` : "Reply sent");
      text.value = "";
      files.value = cc.value = bcc.value = "";
      token = newClientToken();
      const after = mode === "reply" && next.checked ? nextTicketHref(ticket.id) : null;
      if (after) { location.hash = after; return; }
      await onSent();
    } catch (failure) {
      if (failure.status === 409 && failure.body?.newer) showCollision(failure, options);
      else error.textContent = failure.message;
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
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
    replying: () => mode === "reply" && text.value.trim() !== "",
  };
}
