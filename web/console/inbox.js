// The inbox: views by status, assignee, mailbox and tag with counts; j/k/Enter/r to move through it.
// It stays live: while the tab is visible it asks for the view's first page every few seconds and merges what
// changed, keeping the agent's selection and scroll position.
import { h, mount, state, badge, initials, typingInField } from "/shared/dom.js";
import { api, loadConfig } from "/shared/session.js";
import { link } from "/shared/router.js";
import { ago } from "/shared/format.js";

const FILTERS = ["status", "assignee", "mailbox", "tag"];
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

function sidebar(current, counts) {
  const c = counts || {};
  const group = (title, entries) => entries.length ? [h("h2", {}, title), ...entries] : [];
  return h("nav", { class: "sidebar", "aria-label": "Ticket views" },
    ...group("Views", [
      viewLink("All tickets", {}, current, c.total),
      viewLink("Mine", { assignee: "me" }, current, c.assignee?.me),
      viewLink("Unassigned", { assignee: "unassigned" }, current, c.assignee?.unassigned),
    ]),
    ...group("Status", STATUSES.map((s) => viewLink(s[0].toUpperCase() + s.slice(1), { status: s }, current, c.status?.[s]))),
    ...group("Mailboxes", Object.entries(c.mailbox || {}).map(([m, n]) => viewLink(m, { mailbox: m }, current, n))),
    ...group("Tags", Object.entries(c.tag || {}).map(([t, n]) => viewLink("#" + t, { tag: t }, current, n))));
}

function title(filter) {
  if (filter.assignee === "me") return "Assigned to me";
  if (filter.assignee === "unassigned") return "Unassigned";
  if (filter.status) return filter.status[0].toUpperCase() + filter.status.slice(1);
  if (filter.mailbox) return `Mailbox ${filter.mailbox}`;
  if (filter.tag) return `Tagged #${filter.tag}`;
  return "All tickets";
}

function row(ticket, fresh) {
  const who = ticket.participants?.[0] || "unknown sender";
  return h("li", {}, h("a", { class: fresh ? "list-row fresh" : "list-row", href: link(`/tickets/${encodeURIComponent(ticket.id)}`), dataset: { id: ticket.id } },
    h("span", { class: `status-dot lead ${ticket.status}`, title: ticket.status, "aria-hidden": "true" }),
    h("span", { class: "row-main" },
      h("div", { class: "subject" }, ticket.subject || "(no subject)"),
      h("div", { class: "meta" }, `${ticket.number} · ${who} · ${ticket.mailbox}`, ticket.tags.length ? " · " + ticket.tags.map((t) => "#" + t).join(" ") : "")),
    h("span", { class: "row-side" },
      ticket.priority === "high" || ticket.priority === "urgent" ? badge(ticket.priority) : null,
      badge(ticket.status),
      h("time", { datetime: ticket.last_activity_at, class: "hide-phone" }, ago(ticket.last_activity_at)),
      ticket.assignee ? h("span", { class: "avatar hide-phone", title: `Assigned to ${ticket.assignee}` }, initials(ticket.assignee)) : null)));
}

export function inboxPage(route, { app }) {
  const filter = filterOf(route.query);
  const side = h("div", { class: "sidebar-slot" }, sidebar(filter, null)); // the counts replace its content
  const list = h("div", {}, state.loading("Loading tickets"));
  const remember = (event) => { const row = event.target.closest?.(".list-row"); if (row) sessionStorage.setItem(LAST_OPENED, row.dataset.id); };
  list.addEventListener("click", remember);
  const heading = h("h1", { tabindex: "-1" }, title(filter));
  const news = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const main = h("main", { class: "main", id: "main" }, news,
    h("div", { class: "spread inbox-head" }, heading, h("span", { class: "hint hide-phone" },
      h("span", { class: "kbd" }, "j"), " ", h("span", { class: "kbd" }, "k"), " move · ", h("span", { class: "kbd" }, "Enter"),
      " open · ", h("span", { class: "kbd" }, "r"), " reply · ", h("span", { class: "kbd" }, "/"), " search")),
    list);
  mount(app, h("div", { class: "shell" }, side, main));

  let tickets = [], cursor = null, selected = -1, freshIds = new Set(), timer = null, loaded = false;
  const rows = () => [...list.querySelectorAll(".list-row")];
  function select(index) {
    const all = rows();
    if (!all.length) return;
    selected = Math.max(0, Math.min(all.length - 1, index));
    all.forEach((r, i) => r.classList.toggle("selected", i === selected));
    all[selected].focus();
  }
  function render(next = false) {
    if (!tickets.length) return mount(list, state.empty("No tickets here", "Nothing matches this view. Enjoy the quiet."));
    const sorted = [...tickets].sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at));
    const more = cursor ? h("button", { class: "btn", type: "button", style: "margin-top:12px", onclick: () => load(true) }, "Load more") : null;
    mount(list, h("ul", { class: "list", "aria-label": title(filter) }, sorted.map((t) => row(t, freshIds.has(t.id)))), more);
    tickets = sorted;
    const last = sorted.findIndex((t) => t.id === sessionStorage.getItem(LAST_OPENED));
    if (last >= 0 && !next) select(last);
  }
  async function load(next = false) {
    try {
      const page = await api("/tickets", { query: { ...filter, cursor: next ? cursor : undefined, limit: 50 } });
      tickets = next ? tickets.concat(page.items) : page.items;
      cursor = page.cursor;
      loaded = true;
      render(next);
    } catch (error) {
      mount(list, state.error(error, () => load(next)));
    }
  }
  const counts = () => api("/tickets/counts").then((c) => mount(side, sidebar(filter, c))).catch(() => {});
  counts();
  load();

  // Re-render around the agent: the focused row keeps focus and stays where it was on the screen.
  function keepPlace(change) {
    const focused = document.activeElement?.closest?.(".list-row")?.dataset.id;
    const anchorId = focused || rows().find((r) => r.getBoundingClientRect().bottom > 0)?.dataset.id;
    const top = (id) => list.querySelector(`.list-row[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect().top;
    const before = anchorId ? top(anchorId) : undefined;
    change();
    if (focused) {
      selected = rows().findIndex((r) => r.dataset.id === focused);
      rows().forEach((r, i) => r.classList.toggle("selected", i === selected));
      rows()[selected]?.focus({ preventScroll: true });
    }
    const after = anchorId ? top(anchorId) : undefined;
    if (before !== undefined && after !== undefined) window.scrollBy(0, after - before);
  }
  async function poll() {
    if (document.hidden || !loaded) return; // a hidden tab asks again when it is looked at
    try {
      const page = await api("/tickets", { query: { ...filter, limit: 50 } });
      const known = new Map(tickets.map((t) => [t.id, t]));
      const changed = page.items.filter((t) => known.get(t.id)?.version !== t.version
        || known.get(t.id)?.last_activity_at !== t.last_activity_at);
      if (!changed.length) return;
      const added = changed.filter((t) => !known.has(t.id));
      added.forEach((t) => freshIds.add(t.id));
      changed.forEach((t) => known.set(t.id, t));
      keepPlace(() => { tickets = [...known.values()]; render(true); });
      if (added.length) news.textContent = added.length === 1 ? "1 new ticket" : `${added.length} new tickets`;
      counts();
    } catch { /* a failed poll is retried on the next tick */ }
  }
  loadConfig().then((cfg) => { timer = setInterval(poll, Math.max(1, Math.min(5, cfg.pollSeconds)) * 1000); });
  const onVisible = () => { if (!document.hidden) poll(); };
  document.addEventListener("visibilitychange", onVisible);

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
    else return;
    event.preventDefault();
  }
  document.addEventListener("keydown", onKey);
  return () => {
    clearInterval(timer);
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
