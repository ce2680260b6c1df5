// SLAs in the console: the ticket's due times with a live countdown, the same countdown on inbox rows, its
// history, and the board of tickets about to breach or breached (#/sla?state=breaching|breached).
import { h, mount, state, badge } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { when } from "/shared/format.js";

const LABELS = { first_response: "First response", resolution: "Resolution" };

function span(minutes) {
  const m = Math.max(0, Math.round(minutes));
  const d = Math.floor(m / 1440), hr = Math.floor((m % 1440) / 60), min = m % 60;
  return [d ? `${d}d` : "", hr ? `${hr}h` : "", `${min}m`].filter(Boolean).slice(0, 2).join(" ");
}

// What a person reads beside a clock's badge: "due in 1h 20m", "overdue by 5m", "30m of business time left".
export function countdown(clock, now = Date.now()) {
  if (clock.state === "met") return "met";
  if (clock.state === "paused") return `${span(clock.remaining_minutes)} of business time left`;
  const left = (new Date(clock.due).getTime() - now) / 60000;
  return left > 0 ? `due in ${span(left)}` : `overdue by ${span(-left)}`;
}

// How a clock looks now: breached (overdue), soon (due within the hour), paused, met or running.
export function clockTone(clock, now = Date.now()) {
  if (clock.state === "met" || clock.state === "paused") return clock.state;
  const left = (new Date(clock.due).getTime() - now) / 60000;
  return left <= 0 ? "breached" : left < 60 ? "soon" : "running";
}

// The clock the ticket waits on next: first response until it is met, then resolution (null: both met).
export function nextClock(sla) {
  if (!sla) return null;
  const name = ["first_response", "resolution"].find((n) => sla[n].state !== "met");
  return name ? { name, clock: sla[name] } : null;
}

// A countdown that moves while it is on the page: one timer for all of them (an inbox shows many); a
// countdown taken off the page leaves at the next tick.
const ticking = new Set();
let ticker = null;
function tick() {
  for (const redraw of ticking) if (!redraw()) ticking.delete(redraw);
  if (!ticking.size) { clearInterval(ticker); ticker = null; }
}
function liveCountdown(clock, attrs, text = countdown) {
  const node = h("span", attrs);
  const draw = () => { node.textContent = text(clock); node.dataset.tone = clockTone(clock); };
  draw();
  ticking.add(() => node.isConnected && (draw(), true));
  ticker = ticker || setInterval(tick, 30000);
  return node;
}

// The inbox row's SLA: the next clock, in the ticket page's words and numbers.
export function rowCountdown(sla) {
  const next = nextClock(sla);
  if (!next) return null;
  const words = (clock) => `${LABELS[next.name]} ${clock.state === "paused" ? "paused, " : ""}${countdown(clock)}`;
  return liveCountdown(next.clock, { class: "sla-due small", "data-clock": next.name, title: `SLA ${sla.policy}` }, words);
}

function clockRow(name, clock) {
  const text = liveCountdown(clock, { class: "sla-countdown", "data-clock": name });
  return h("div", { class: `sla-row sla-${clock.state}` },
    h("dt", {}, LABELS[name]),
    h("dd", {}, badge(clock.state, clock.state === "breached" ? "urgent" : clock.state === "met" ? "solved" : "open"), " ", text,
      clock.due ? h("div", { class: "muted small" }, when(clock.due)) : null));
}

export function slaCard(sla) {
  if (!sla) return null;
  return h("section", { class: "card stack", "aria-labelledby": "sla-title", id: "sla-card" },
    h("h2", { id: "sla-title" }, "SLA ", h("span", { class: "muted small" }, sla.policy)),
    h("dl", {}, clockRow("first_response", sla.first_response), clockRow("resolution", sla.resolution)));
}

function describe(e) {
  if (e.field === "created") return `created as ${e.new}`;
  if (e.field === "sla") return `SLA ${e.old}: ${e.new.replace("_", " ")}`;
  const name = e.field.replace("_", " ");
  return `${name}: ${e.old || "—"} → ${e.new || "—"}`;
}

export function timelineCard(events) {
  if (!events || !events.length) return null;
  return h("section", { class: "card stack", "aria-labelledby": "history-title", id: "history" },
    h("h2", { id: "history-title" }, "History"),
    h("ol", { class: "timeline", "aria-label": "Ticket history" }, events.map((e) => h("li", {},
      h("div", {}, describe(e)),
      h("div", { class: "muted small" }, `${e.actor} · ${when(e.at)}`)))));
}

const BOARD = { breaching: "Breaching within 1 h", breached: "SLA breached" };

export function slaBoardPage(route, { app }) {
  const which = route.query.state === "breached" ? "breached" : "breaching";
  const list = h("div", {}, state.loading("Loading"));
  mount(app, h("main", { class: "page stack", id: "main" },
    h("a", { href: link("/"), class: "small" }, "← Inbox"),
    h("nav", { class: "row", "aria-label": "SLA views" }, Object.entries(BOARD).map(([key, label]) =>
      h("a", { href: link("/sla", { state: key }), "aria-current": key === which ? "true" : null }, label))),
    h("h1", { tabindex: "-1" }, BOARD[which]), list));
  api("/sla/tickets", { query: { state: which } }).then((page) => {
    if (!page.items.length) return mount(list, state.empty(which === "breached" ? "No breached tickets" : "Nothing breaches within the hour"));
    mount(list, h("ul", { class: "list", "aria-label": BOARD[which] }, page.items.map(({ ticket, sla }) => {
      return h("li", { class: "sla-board-row" },
        h("a", { href: link(`/tickets/${encodeURIComponent(ticket.id)}`) }, h("span", { class: "mono muted" }, ticket.number), " ", ticket.subject || "(no subject)"),
        h("div", { class: "row small" }, badge(ticket.priority), h("span", {}, ticket.assignee || "Unassigned"), rowCountdown(sla)));
    })));
  }, (error) => mount(list, state.error(error, () => slaBoardPage(route, { app }))));
}
