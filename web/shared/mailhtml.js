// Mail bodies. The API already sanitises HTML; this is a second fence (no scripts, handlers, remote loads)
// and the place where quoted history is folded away.
import { h } from "./dom.js";

const DROP = "script,style,iframe,frame,object,embed,form,link,meta,base,svg,math,input,video,audio,source,track";
const QUOTES = "blockquote,.gmail_quote,.yahoo_quoted,#appendonsend,#divRplyFwdMsg,.moz-cite-prefix";
const URL_ATTRS = new Set(["href", "src", "srcset", "lowsrc", "dynsrc", "background", "poster", "action",
  "formaction", "cite", "longdesc", "usemap", "xlink:href", "ping"]);
const LOADS = new Set(["src", "srcset", "lowsrc", "dynsrc", "background", "poster"]);
const SCHEMES = /^(https?|mailto|cid):/;

// The value as a browser's URL parser sees it: ASCII tabs, newlines and controls anywhere do not count
// ("java\tscript:" is javascript:, " //host" is "//host").
function urlForm(value) {
  return value.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
}

// Whether an attribute may stay (same policy as the server's: http/https/mailto/cid links, no remote loads,
// no handlers, no CSS that fetches). Exported for the tests.
export function keepAttribute(name, value) {
  name = name.toLowerCase();
  if (name.startsWith("on") || name === "formaction" || name === "srcdoc") return false;
  if (name === "style") {
    const css = value.replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex) => cssChar(parseInt(hex, 16)))
      .replace(/\\(.)/g, "$1").replace(/\/\*[\s\S]*?(\*\/|$)/g, "").replace(/\s+/g, "").toLowerCase();
    return !/(url|src|image|image-set|cross-fade|element|expression)\(|[@]import|behavior|binding/.test(css);
  }
  if (!URL_ATTRS.has(name)) return true;
  const url = urlForm(value);
  if (LOADS.has(name)) return url.startsWith("cid:");
  return SCHEMES.test(url) || !/^[a-z][a-z0-9+.-]*:/.test(url);  // an allowed scheme, or a relative link
}

function cssChar(code) {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
}

function fence(root) {
  root.querySelectorAll(DROP).forEach((node) => node.remove());
  for (const node of root.querySelectorAll("*")) {
    // Remote images would tell the sender the mail was read, and would download at run time.
    if (node.tagName === "IMG" && !keepAttribute("src", node.getAttribute("src") || "")) {
      node.replaceWith(h("span", { class: "faint small" }, `[image${node.alt ? ": " + node.alt : ""}]`));
      continue;
    }
    for (const attr of [...node.attributes]) {
      if (!keepAttribute(attr.name, attr.value)) node.removeAttribute(attr.name);
    }
    if (node.tagName === "A" || node.tagName === "AREA") {
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
