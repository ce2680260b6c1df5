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
  if (hit.type === "customer") return link(`/customers/${encodeURIComponent(hit.id)}`);
  if (hit.type === "organisation") return link(`/organisations/${encodeURIComponent(hit.id)}`);
  // An order has no page of its own: its buyer's page lists it with its licenses and invoices.
  if (hit.type === "order") return hit.customer_id ? link(`/customers/${encodeURIComponent(hit.customer_id)}`) : null;
  const ticket = hit.type === "ticket" ? hit.id : hit.ticket_id;
  return ticket ? link(`/tickets/${encodeURIComponent(ticket)}`) : null;
}

const NAMES = { ticket: "Ticket", message: "Message", order: "Order", license: "License", customer: "Customer", organisation: "Organisation" };

// One row per ticket: the ticket's own hit (its title) and its matching messages (their text is the snippet);
// a ticket's own snippet is index text (number, status, assignee), not something to show a person.
function grouped(hits) {
  const rows = [], tickets = new Map();
  for (const hit of hits) {
    const ticket = hit.type === "ticket" ? hit.id : hit.type === "message" ? hit.ticket_id : null;
    if (!ticket) { rows.push({ type: hit.type, hits: [hit], main: hit }); continue; }
    if (!tickets.has(ticket)) { tickets.set(ticket, { type: "ticket", hits: [] }); rows.push(tickets.get(ticket)); }
    tickets.get(ticket).hits.push(hit);
  }
  for (const row of tickets.values()) row.main = row.hits.find((h) => h.type === "ticket") || row.hits[0];
  return rows;
}

function hitRow(row) {
  const messages = row.hits.filter((h) => h.type === "message");
  const title = row.main.title || messages.find((m) => m.title)?.title || `${NAMES[row.type] || "Result"} without a title`;
  const text = row.type === "ticket" ? messages[0]?.snippet_html : row.main.snippet_html;
  const count = messages.length > 1 ? h("div", { class: "faint small" }, `${messages.length} matching messages`) : null;
  const inner = [badge(NAMES[row.type] || row.type, "note"), h("span", { class: "row-main" }, h("div", { class: "subject" }, title), snippet(text), count)];
  const href = target(row.main);
  return h("li", {}, href ? h("a", { class: "list-row", href }, inner) : h("div", { class: "list-row" }, inner));
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
    mount(results, h("p", { class: "muted small" }, `${page.total} found`), h("ul", { class: "list" }, grouped(page.hits).map(hitRow)));
  }, (error) => mount(results, state.error(error)));
}
