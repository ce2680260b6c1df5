// Search results for the top bar's box: GET /search?q=&type= -> SearchPageView (hits with marked snippets).
import { h, mount, state, badge } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";

const TYPES = [["", "All"], ["ticket", "Tickets"], ["message", "Messages"], ["order", "Orders"], ["license", "Licenses"]];

// snippet_html is escaped text with <mark>s around the matches: keep the text and the marks, drop anything else.
function snippet(html) {
  if (!html) return null;
  const template = document.createElement("template");
  template.innerHTML = html;
  const parts = [...template.content.childNodes].map((node) =>
    node.nodeName === "MARK" ? h("mark", {}, node.textContent) : node.textContent);
  return h("div", { class: "meta hit" }, parts);
}

function target(hit) {
  if (hit.type === "license") return link(`/licenses/${encodeURIComponent(hit.id)}`);
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
      const inner = [badge(hit.type, "note"), h("span", { class: "row-main" }, h("div", { class: "subject" }, hit.title || hit.id), snippet(hit.snippet_html))];
      return h("li", {}, href ? h("a", { class: "list-row", href }, inner) : h("div", { class: "list-row" }, inner));
    })));
  }, (error) => mount(results, state.error(error)));
}
