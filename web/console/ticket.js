// The ticket page: conversation, reply/note composer, properties and customer panel, and a notice when
// someone else touched the ticket meanwhile (polling the ticket's last activity).
import { h, mount, state, badge, toast, typingInField } from "/shared/dom.js";
import { api, loadConfig } from "/shared/session.js";
import { link } from "/shared/router.js";
import { conversation } from "/shared/conversation.js";
import { composer } from "./composer.js";
import { presenceLine } from "./presence.js";
import { propertiesCard, mergeCard, customerCards } from "./ticket-side.js";
import { identityCard } from "./channel-identity.js";
import { slaCard, timelineCard } from "./sla.js";
import { csatCard } from "./csat-card.js";
import { timeCard } from "./time.js";
import { tasksCard } from "./ticket-tasks.js";
import { accessCard } from "./ticket-access.js";

async function download(ticketId, file) {
  try {
    const { url } = await api(`/tickets/${encodeURIComponent(ticketId)}/download`, { query: { key: file.key } });
    if (!/^https?:/.test(url) && !url.startsWith("/")) throw new Error("unexpected download address");
    location.assign(url);
  } catch (error) {
    toast(`Download failed: ${error.message}`);
  }
}

export function ticketPage(route, { app, me }) {
  const id = route.id;
  const root = h("main", { class: "page", id: "main" }, state.loading("Loading the ticket"));
  mount(app, root);
  let shown = null; // the ticket as last rendered, to tell whether anything changed since
  let timer = null;
  let draft = null;
  let seen = ""; // the newest message on screen: a reply written against it is refused if more came since
  let time = null; // kept across renders: a running timer survives a refresh
  let access = null; // kept across renders: it loads and refreshes itself
  const notice = h("div", { "aria-live": "polite" });
  const presence = presenceLine(id, { replying: () => Boolean(draft?.replying()) });

  function render(data) {
    const { ticket, messages } = data;
    notice.dataset.news = "";
    shown = ticket;
    seen = messages.length ? messages[messages.length - 1].id : "";
    const lastChannel = messages.filter((m) => m.direction === "inbound").at(-1)?.channel;
    const write = draft || composer(ticket, me, { onSent: refresh, seenMessageId: () => seen, onTicketChanged: refresh, lastChannel });
    draft = write;
    mount(root,
      h("div", { class: "ticket-head" },
        h("a", { href: link("/"), class: "small" }, "← Inbox"),
        h("h1", { tabindex: "-1", id: "ticket-title" }, ticket.subject || "(no subject)"),
        h("div", { class: "row" }, h("span", { class: "mono muted" }, ticket.number), badge(ticket.status), badge(ticket.priority),
          h("span", { class: "muted small" }, `${ticket.mailbox} · ${ticket.participants.join(", ")}`),
          ticket.merged_into ? h("a", { href: link(`/tickets/${encodeURIComponent(ticket.merged_into)}`) }, "merged — open the target") : null)),
      presence.node,
      notice,
      h("div", { class: "ticket-layout" },
        h("div", {}, messages.length ? conversation(messages, { onDownload: (file) => download(ticket.id, file) }) : state.empty("No messages yet"), write.node),
        h("aside", { class: "side", "aria-label": "Ticket details" },
          slaCard(data.sla),
          csatCard(data.csat),
          propertiesCard(ticket, me, { onChanged: refresh }),
          tasksCard(ticket, messages, data.tasks || [], { onChanged: refresh }),
          ticket.organisation_id ? access || (access = accessCard(ticket, me, { onTicketChanged: refresh })) : null,
          ...customerCards(data.customer, ticket),
          identityCard(data.customer, { onMerged: refresh }),
          mergeCard(ticket),
          timelineCard(data.timeline),
          time || (time = timeCard(ticket)))));
  }

  let latest = 0;
  async function refresh() {
    // Only the newest request may render: an older answer arriving late would show stale properties and
    // replace the side column under the user's typing.
    const mine = ++latest;
    notice.replaceChildren();
    try {
      const data = await api(`/tickets/${encodeURIComponent(id)}`);
      if (mine === latest) render(data);
    } catch (error) {
      if (mine !== latest) return;
      if (error.status === 404) mount(root, state.empty("Ticket not found", "It may have been merged or the link is wrong.", h("a", { href: link("/") }, "Back to the inbox")));
      else mount(root, state.error(error, refresh));
    }
  }

  function changedBy(data) {
    const seen = new Set([...root.querySelectorAll(".message")].map((n) => n.dataset.id));
    const fresh = data.messages.filter((m) => !seen.has(m.id) && m.author !== me.id);
    if (fresh.length) return `${[...new Set(fresh.map((m) => m.author || m.from))].join(", ")} replied while you were reading this ticket.`;
    return data.ticket.version !== shown.version ? "Someone updated this ticket while you were reading it." : null;
  }

  async function poll() {
    if (document.hidden) return; // a background tab checks again when it is looked at
    try {
      const data = await api(`/tickets/${encodeURIComponent(id)}`);
      // A later change replaces an earlier notice: "Boris replied" must not hide behind "someone updated it".
      const news = shown && data.ticket.last_activity_at !== shown.last_activity_at ? changedBy(data) : null;
      if (news && news !== notice.dataset.news) {
        notice.dataset.news = news;
        mount(notice, h("div", { class: "banner banner-warn", role: "status" },
          h("span", {}, news),
          h("button", { class: "btn btn-small", type: "button", onclick: () => { notice.replaceChildren(); render(data); } }, "Show the new activity")));
      }
    } catch { /* a failed poll is retried on the next tick */ }
  }

  function onKey(event) {
    if (typingInField(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "r") { event.preventDefault(); draft?.focus("reply"); }
    else if (event.key === "n") { event.preventDefault(); draft?.focus("note"); }
    else if (event.key === "u") { event.preventDefault(); location.hash = link("/"); }
  }

  refresh().then(() => {
    if (route.query.reply) draft?.focus("reply");
    else root.querySelector("#ticket-title")?.focus();
  });
  let left = false; // the config may arrive after the user left: then no poller may start
  loadConfig().then((cfg) => { if (!left) timer = setInterval(poll, Math.max(1, cfg.pollSeconds) * 1000); });
  const onVisible = () => { if (!document.hidden) poll(); };
  document.addEventListener("keydown", onKey);
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    left = true;
    clearInterval(timer);
    presence.stop();
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
