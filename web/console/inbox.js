// The inbox: views by status, assignee, mailbox and tag with counts, saved views and sorting; j/k/Enter/r to
// move through it, x to select for bulk work. It stays live (inbox-live.js): changes since the last answer are
// merged in, keeping the agent's selection and scroll position; "All" leaves solved and closed out unless asked.
// Each row counts down to its next SLA target as the ticket page does (sla.js).
import { h, mount, state, badge, initials, typingInField } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { ago } from "/shared/format.js";
import { liveInbox, tabTitle } from "./inbox-live.js";
import { bulkBar } from "./bulk.js";
import { rememberView } from "./next-ticket.js";
import { loadViews, saveViewForm, sortMenu, sortTickets, viewHref } from "./views.js";
import { customerLink, organisationLink } from "./customer.js";
import { newConversationControl } from "./conversation.js";
import { rowCountdown } from "./sla.js";

const FILTERS = ["status", "assignee", "mailbox", "tag", "done"];
const LAST_OPENED = "helpdesk.console.last-ticket"; // back in the inbox, the keyboard carries on from there
const STATUSES = ["new", "open", "pending", "solved", "closed"];

function filterOf(query) {
  return Object.fromEntries(FILTERS.filter((k) => query[k]).map((k) => [k, query[k]]));
}

function sameFilter(a, b) {
  return FILTERS.every((k) => (a[k] || "") === (b[k] || ""));
}

function viewLink(label, filter, current, count) {
  return h("a", { href: link("/", filter), "aria-current": sameFilter(filter, current) ? "true" : null },
    h("span", {}, label), count === undefined ? null : h("span", { class: "count", "aria-label": `${count} tickets` }, String(count)));
}

function sidebar(current, counts, saved = [], viewId = "") {
  const c = counts || {};
  const active = ["new", "open", "pending"].reduce((n, s) => n + (c.status?.[s] || 0), 0);
  const group = (title, entries) => entries.length ? [h("h2", {}, title), ...entries] : [];
  const savedLink = (v) => h("a", { href: viewHref(v), "aria-current": v.id === viewId ? "true" : null, dataset: { view: v.id } },
    h("span", {}, v.name), h("span", { class: "count" }, v.shared ? "shared" : ""));
  return h("nav", { class: "sidebar", "aria-label": "Ticket views" },
    ...group("Views", [
      viewLink("All tickets", {}, current, counts ? active : undefined),
      viewLink("Mine", { assignee: "me" }, current, c.assignee?.me),
      viewLink("Unassigned", { assignee: "unassigned" }, current, c.assignee?.unassigned),
      h("a", { href: link("/sla", { state: "breaching" }) }, "Breaching within 1 h"),
      h("a", { href: link("/sla", { state: "breached" }) }, "SLA breached"),
    ]),
    ...group("Status", STATUSES.map((s) => viewLink(s[0].toUpperCase() + s.slice(1), { status: s }, current, c.status?.[s]))),
    ...group("Mailboxes", Object.entries(c.mailbox || {}).map(([m, n]) => viewLink(m, { mailbox: m }, current, n))),
    ...group("Tags", Object.entries(c.tag || {}).map(([t, n]) => viewLink("#" + t, { tag: t }, current, n))),
    ...group("Saved views", saved.map(savedLink)));
}

function title(filter) {
  if (filter.assignee === "me") return "Assigned to me";
  if (filter.assignee === "unassigned") return "Unassigned";
  if (filter.status) return filter.status[0].toUpperCase() + filter.status.slice(1);
  if (filter.mailbox) return `Mailbox ${filter.mailbox}`;
  if (filter.tag) return `Tagged #${filter.tag}`;
  return filter.done ? "All tickets, solved and closed too" : "All tickets";
}

function row(ticket, fresh, unread, checked) {
  const who = ticket.participants?.[0] || "unknown sender";
  const label = `Select ${ticket.number}`;
  return h("li", { class: unread ? "inbox-item unread" : "inbox-item" },
    h("input", { type: "checkbox", class: "pick", "aria-label": label, checked, dataset: { id: ticket.id } }),
    h("a", { class: fresh ? "list-row fresh" : "list-row", href: link(`/tickets/${encodeURIComponent(ticket.id)}`), dataset: { id: ticket.id } },
    h("span", { class: `status-dot lead ${ticket.status}`, title: ticket.status, "aria-hidden": "true" }),
    h("span", { class: "row-main" },
      h("div", { class: "subject" }, unread ? h("span", { class: "visually-hidden" }, "Unread: ") : null, ticket.subject || "(no subject)"),
      h("div", { class: "meta" }, `${ticket.number} · ${ticket.customer_id ? "" : who + " · "}${ticket.mailbox}`, ticket.tags.length ? " · " + ticket.tags.map((t) => "#" + t).join(" ") : ""),
      rowCountdown(ticket.sla)),
    h("span", { class: "row-side" },
      ticket.priority === "high" || ticket.priority === "urgent" ? badge(ticket.priority) : null,
      badge(ticket.status),
      h("time", { datetime: ticket.last_activity_at, class: "hide-phone" }, ago(ticket.last_activity_at)),
      ticket.assignee ? h("span", { class: "avatar hide-phone", title: `Assigned to ${ticket.assignee}` }, initials(ticket.assignee)) : null)),
    ticket.customer_id ? h("div", { class: "row-people small" }, customerLink(ticket.customer_id, who),
      ticket.organisation_id ? [" · ", organisationLink(ticket.organisation_id, "Organisation", { "aria-label": `Organisation of ${who}` })] : null) : null);
}

// The API's filter for a view: "All" (no status) hides solved and closed unless the view asks for them.
function apiFilter(filter) {
  const { done, ...rest } = filter;
  return rest.status || done ? rest : { ...rest, hide_done: "true" };
}

export function inboxPage(route, { app }) {
  const filter = filterOf(route.query);
  const sort = route.query.sort || "activity";
  const viewId = route.query.view || "";
  let saved = [], lastCounts = null;
  const side = h("div", { class: "sidebar-slot" }, sidebar(filter, null)); // the counts replace its content
  const drawSide = () => mount(side, sidebar(filter, lastCounts, saved, viewId));
  const list = h("div", {}, state.loading("Loading tickets"));
  const remember = (event) => { const row = event.target.closest?.(".list-row"); if (row) sessionStorage.setItem(LAST_OPENED, row.dataset.id); };
  list.addEventListener("click", remember);
  const heading = h("h1", { tabindex: "-1" }, title(filter));
  const news = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const banner = h("div", { class: "new-banner-slot" });
  const picked = new Set();
  const bar = bulkBar(() => tickets.filter((t) => picked.has(t.id)).map((t) => t.id), () => { load(); counts(); },
    () => { picked.clear(); list.querySelectorAll(".pick").forEach((c) => { c.checked = false; }); bar.update(); });
  list.addEventListener("change", (event) => {
    const box = event.target.closest?.(".pick");
    if (!box) return;
    if (box.checked) picked.add(box.dataset.id); else picked.delete(box.dataset.id);
    bar.update();
  });
  const changeSort = (value) => { location.hash = link("/", { ...filter, ...(value !== "activity" ? { sort: value } : {}) }); };
  const doneToggle = filter.status ? null : h("label", { class: "row small" },
    h("input", { type: "checkbox", id: "show-done", checked: Boolean(filter.done),
      onchange: (e) => { location.hash = link("/", { ...filter, done: e.target.checked ? "1" : undefined, sort: route.query.sort }); } }),
    "Solved and closed too");
  const tools = h("div", { class: "row inbox-tools" }, newConversationControl(), sortMenu(sort, changeSort), doneToggle,
    saveViewForm(filter, sort, (view) => { saved = saved.filter((v) => v.id !== view.id).concat(view); drawSide(); }));
  const main = h("main", { class: "main", id: "main" }, news,
    h("div", { class: "spread inbox-head" }, heading, h("span", { class: "hint hide-phone" },
      h("span", { class: "kbd" }, "j"), " ", h("span", { class: "kbd" }, "k"), " move · ", h("span", { class: "kbd" }, "Enter"),
      " open · ", h("span", { class: "kbd" }, "x"), " select · ", h("span", { class: "kbd" }, "/"), " search")),
    tools, bar.node, banner, list);
  mount(app, h("div", { class: "shell" }, side, main));

  let tickets = [], cursor = null, selected = -1, freshIds = new Set(), unread = new Set(), live = null, left = false;
  const rows = () => [...list.querySelectorAll(".list-row")];
  function select(index) {
    const all = rows();
    if (!all.length) return;
    selected = Math.max(0, Math.min(all.length - 1, index));
    all.forEach((r, i) => r.classList.toggle("selected", i === selected));
    all[selected].focus();
  }
  function render(next = false) {
    tabTitle(tickets.filter((t) => unread.has(t.id)).length);
    if (!tickets.length) return mount(list, state.empty("No tickets here", "Nothing matches this view. Enjoy the quiet."));
    const sorted = sortTickets(tickets, sort);
    const more = cursor ? h("button", { class: "btn", type: "button", style: "margin-top:12px", onclick: () => load(true) }, "Load more") : null;
    mount(list, h("ul", { class: "list", "aria-label": title(filter) },
      sorted.map((t) => row(t, freshIds.has(t.id), unread.has(t.id), picked.has(t.id)))), more);
    tickets = sorted;
    rememberView(sorted);
    const last = sorted.findIndex((t) => t.id === sessionStorage.getItem(LAST_OPENED));
    if (last >= 0 && !next) select(last);
  }
  async function load(next = false) {
    try {
      const page = await api("/tickets", { query: { ...apiFilter(filter), cursor: next ? cursor : undefined, limit: 50 } });
      if (left) return; // answered after the user left: starting the live poller now would leave it running
      tickets = next ? tickets.concat(page.items) : page.items;
      (page.unread || []).forEach((id) => unread.add(id));
      cursor = page.cursor;
      if (!next) {
        freshIds = new Set();
        banner.replaceChildren();
        if (live) live.restart(page.since); else live = liveInbox(() => apiFilter(filter), page.since, merge);
      }
      render(next);
    } catch (error) {
      if (!left) mount(list, state.error(error, () => load(next)));
    }
  }
  const counts = () => api("/tickets/counts").then((c) => { lastCounts = c; drawSide(); }).catch(() => {});
  counts();
  loadViews().then((views) => { saved = views; drawSide(); });
  load();

  // Re-render around the agent: the focused row keeps focus and stays where it was on the screen.
  function keepPlace(change) {
    const focused = document.activeElement?.closest?.(".list-row")?.dataset.id;
    const anchorId = focused || rows().find((r) => r.getBoundingClientRect().bottom > 0)?.dataset.id;
    const top = (id) => list.querySelector(`.list-row[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect().top;
    const before = anchorId ? top(anchorId) : undefined;
    change();
    if (focused) {
      // A selected ticket that left the view (another agent solved it) hands the selection to the row now
      // in its place, as in a mail client: j, k and Enter go on from where the agent was.
      const at = rows().findIndex((r) => r.dataset.id === focused);
      selected = at >= 0 ? at : Math.min(selected, rows().length - 1);
      rows().forEach((r, i) => r.classList.toggle("selected", i === selected));
      rows()[selected]?.focus({ preventScroll: true });
    }
    const after = anchorId ? top(anchorId) : undefined;
    if (before !== undefined && after !== undefined) window.scrollBy(0, after - before);
  }
  function showNew() {
    const n = freshIds.size;
    if (!n) return banner.replaceChildren();
    const text = n === 1 ? "1 new ticket" : `${n} new tickets`;
    mount(banner, h("div", { class: "banner new-banner" }, h("strong", {}, text), // announced by `news`
      h("button", { class: "btn btn-small", type: "button", onclick: () => { freshIds = new Set(); banner.replaceChildren(); render(true); window.scrollTo(0, 0); } }, "Show")));
    news.textContent = text;
  }
  function merge(answer) {
    const known = new Map(tickets.map((t) => [t.id, t]));
    const changed = answer.items.filter((t) => known.get(t.id)?.version !== t.version);
    const gone = (answer.left || []).filter((id) => known.has(id));
    if (!changed.length && !gone.length) return;
    changed.filter((t) => !known.has(t.id)).forEach((t) => freshIds.add(t.id));
    changed.forEach((t) => known.set(t.id, t));
    gone.forEach((id) => { known.delete(id); picked.delete(id); });
    const news = answer.unread || [];
    news.forEach((id) => unread.add(id));
    changed.filter((t) => !news.includes(t.id)).forEach((t) => unread.delete(t.id));
    keepPlace(() => { tickets = [...known.values()]; render(true); showNew(); }); // the banner must not move the rows
    bar.update();
    counts();
  }

  function open(index, query = {}) {
    sessionStorage.setItem(LAST_OPENED, tickets[index].id);
    location.hash = link(`/tickets/${encodeURIComponent(tickets[index].id)}`, query);
  }
  function onKey(event) {
    if (typingInField(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    const current = rows().indexOf(document.activeElement);
    if (current >= 0) selected = current;
    const chosen = selected >= 0 && tickets[selected];
    if (event.key === "j") select(selected + 1);
    else if (event.key === "k") select(selected - 1);
    else if (event.key === "r" && chosen) open(selected, { reply: 1 });
    else if (event.key === "Enter" && chosen) open(selected);
    else if (event.key === "x" && chosen) list.querySelectorAll(".pick")[selected]?.click();
    else return;
    event.preventDefault();
  }
  document.addEventListener("keydown", onKey);
  return () => {
    left = true;
    if (live) live.stop();
    tabTitle(0);
    document.removeEventListener("keydown", onKey);
  };
}
