// Mail bodies. The API already sanitises HTML; this is a second fence (no scripts, handlers, remote loads)
// and the place where quoted history is folded away.
import { h } from "./dom.js";

const DROP = "script,style,iframe,frame,object,embed,form,link,meta,base,svg,math";
const QUOTES = "blockquote,.gmail_quote,.yahoo_quoted,#appendonsend,#divRplyFwdMsg,.moz-cite-prefix";

function fence(root) {
  root.querySelectorAll(DROP).forEach((node) => node.remove());
  for (const node of root.querySelectorAll("*")) {
    for (const attr of [...node.attributes]) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith("on") || attr.name === "srcset" || /^(javascript|vbscript|data:text)/.test(value)) node.removeAttribute(attr.name);
    }
    // Remote images would tell the sender the mail was read, and would download at run time.
    if (node.tagName === "IMG" && /^https?:|^\/\//i.test(node.getAttribute("src") || "")) {
      node.replaceWith(h("span", { class: "faint small" }, `[image${node.alt ? ": " + node.alt : ""}]`));
    }
    if (node.tagName === "A") {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer nofollow");
    }
  }
}

function fold(children, label = "Show quoted text") {
  const details = h("details", { class: "fold" }, h("summary", {}, label));
  details.append(...children);
  return details;
}

export function htmlBody(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const root = template.content;
  fence(root);
  // Fold the outermost quote and everything after it: replies put history at the bottom.
  const quote = [...root.querySelectorAll(QUOTES)].find((node) => !node.parentElement?.closest(QUOTES));
  if (quote) {
    let anchor = quote;
    while (anchor.parentNode && anchor.parentNode !== root && anchor.parentNode.lastChild === anchor) anchor = anchor.parentNode;
    const rest = [];
    for (let node = anchor; node; node = node.nextSibling) rest.push(node);
    const marker = document.createComment("fold");
    anchor.before(marker);
    marker.replaceWith(fold(rest));
  }
  const body = h("div", { class: "body mail-html" });
  body.append(root);
  return body;
}

const QUOTE_START = /^(>|On .+ wrote:$|Le .+ a écrit :$|Am .+ schrieb .+:$|-{2,}\s*Original Message|From: .+)/;

export function textBody(text, reply = "") {
  const fresh = reply && reply.trim() && reply.trim() !== text.trim() ? reply.trim() : null;
  if (fresh) return h("div", { class: "body" }, h("pre", {}, fresh), fold([h("pre", { class: "muted" }, text)], "Show full message"));
  const lines = text.split("\n");
  const cut = lines.findIndex((line, i) => i > 0 && QUOTE_START.test(line.trim()));
  if (cut < 0) return h("div", { class: "body" }, h("pre", {}, text));
  return h("div", { class: "body" }, h("pre", {}, lines.slice(0, cut).join("\n").trimEnd()),
    fold([h("pre", { class: "muted" }, lines.slice(cut).join("\n"))]));
}
