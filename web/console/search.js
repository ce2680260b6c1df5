// Search results for the top bar's box: GET /search?q=&type= (hits with highlighted snippets).
import { h, mount, state, badge } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { ago } from "/shared/format.js";

const TYPES = [["", "All"], ["ticket", "Tickets"], ["message", "Messages"], ["order", "Orders"], ["license", "Licenses"]];

// Highlights are character ranges into plain text: build text nodes and <mark>s, never parse markup.
function snippet(s) {
  if (!s) return null;
  const parts = [];
  let last = 0;
  for (const [lo, hi] of s.highlights || []) {
    parts.push(s.text.slice(last, lo), h("mark", {}, s.text.slice(lo, hi)));
    last = hi;
  }
  parts.push(s.text.slice(last));
  return h("div", { class: "meta hit" }, parts);
}

function target(hit) {
  const ticket = hit.type === "ticket" ? hit.id : hit.ticket_id;
  return ticket ? link(`/tickets/${encodeURIComponent(ticket)}`) : null;
}

export function searchPage(route, { app }) {
  const q = route.query.q || "";
  const type = route.query.type || "";
  const results = h("div", {}, q ? state.loading("Searching") : state.empty("Type a search", "Press / anywhere to jump to the search box."));
  mount(app, h("main", { class: "page stack", id: "main" },
    h("h1", {}, q ? `Results for “${q}”` : "Search"),
    h("div", { class: "segmented", role: "group", "aria-label": "Result type" }, TYPES.map(([value, label]) =>
      h("button", { type: "button", "aria-pressed": String(value === type), onclick: () => { location.hash = link("/search", { q, type: value }); } }, label))),
    results));
  if (!q) return;
  api("/search", { query: { q, type } }).then((page) => {
    if (!page.hits.length) return mount(results, state.empty("Nothing found", "Try fewer words, or a word's beginning followed by *."));
    mount(results, h("p", { class: "muted small" }, `${page.total} found`), h("ul", { class: "list" }, page.hits.map((hit) => {
      const href = target(hit);
      const inner = [badge(hit.type, "note"), h("span", { class: "row-main" }, h("div", { class: "subject" }, hit.title || hit.id), snippet(hit.snippet)),
        h("span", { class: "row-side" }, hit.sort_at ? ago(hit.sort_at) : "")];
      return h("li", {}, href ? h("a", { class: "list-row", href }, inner) : h("div", { class: "list-row" }, inner));
    })));
  }, (error) => mount(results, state.error(error)));
}
