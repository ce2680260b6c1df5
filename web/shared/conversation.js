// A ticket's conversation, shared by the console (with notes) and the cabinet (without).
import { h, initials, badge } from "./dom.js";
import { bytes, when } from "./format.js";
import { htmlBody, textBody } from "./mailhtml.js";

function clip() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  svg.innerHTML = '<path d="M21 11.5l-8.5 8.5a5 5 0 01-7-7L14 4.5a3.3 3.3 0 014.7 4.7L10.2 17.7a1.7 1.7 0 01-2.4-2.4L15.5 7.6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>';
  return svg;
}

function attachmentList(message, onDownload) {
  if (!message.attachments?.length) return null;
  return h("div", { class: "attachments" }, message.attachments.map((file) =>
    h("button", { type: "button", class: "attachment", "aria-label": `Download ${file.filename}`, onclick: () => onDownload(file) },
      clip(), file.filename, h("span", { class: "faint small" }, bytes(file.size)))));
}

const CHANNELS = { mail: "E-mail", form: "Web form", chat: "Chat", telegram: "Telegram", whatsapp: "WhatsApp" };

// Every message says which channel it came in or went out on (notes stay inside the desk).
function channelLabel(message) {
  if (message.direction === "note") return null;
  const channel = message.channel || "mail";
  return h("span", { class: `badge badge-plain channel channel-${channel}`, title: "Channel" }, CHANNELS[channel] || channel);
}

export function messageCard(message, { onDownload, staffLabel = "Support", showAuthor = true } = {}) {
  const note = message.direction === "note";
  const outbound = message.direction === "outbound";
  // MessageView's sender is `from` by alias; a view dumped without aliases says `from_`.
  const from = message.from || message.from_ || "unknown sender";
  const who = note || outbound ? (showAuthor && (message.author || from)) || staffLabel : from;
  const forwarded = message.kind === "forward";
  const label = forwarded ? badge("Forwarded", "note") : note ? badge("Internal note", "note") : message.kind === "ack" ? badge("Automatic reply", "new") : outbound ? badge("Reply", "open") : null;
  const body = !note && message.html ? htmlBody(message.html) : textBody(message.text || "", message.reply || "");
  return h("article", { class: `message ${message.direction}`, "aria-label": `${note ? "Internal note" : "Message"} from ${who}`, dataset: { id: message.id } },
    h("header", {},
      h("span", { class: "avatar", "aria-hidden": "true" }, initials(who)),
      h("div", { class: "grow" }, h("strong", {}, who), message.to?.length && (!note || forwarded) ? h("div", { class: "faint small" }, (forwarded ? "forwarded to " : "to ") + message.to.join(", ")) : null),
      channelLabel(message), label, h("time", { class: "faint small", datetime: message.created_at }, when(message.created_at))),
    body, attachmentList(message, onDownload));
}

export function conversation(messages, options) {
  const sorted = [...messages].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return h("section", { class: "conversation", "aria-label": "Conversation" }, sorted.map((m) => messageCard(m, options)));
}
