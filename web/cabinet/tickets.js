// The customer's tickets: list, read and reply, open a new one with attachments.
import { h, mount, state, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { ago } from "/shared/format.js";
import { conversation } from "/shared/conversation.js";
import { attachmentsOf } from "/shared/files.js";
import { surveyCard } from "./survey.js";

const LABELS = { new: "received", open: "in progress", pending: "waiting for you", solved: "solved", closed: "closed" };

function statusBadge(status) {
  return badge(LABELS[status] || status, status);
}

// The organisation's tickets and messages matching the words (GET /search, scoped to the caller's organisation).
function searchResults(list, q) {
  api("/search", { query: { q } }).then((page) => {
    const tickets = new Map(); // ticket id -> { title, where: the kinds of hit (subject, message) }
    for (const hit of page.hits) {
      const id = hit.type === "ticket" ? hit.id : hit.ticket_id;
      if (!id) continue;
      const found = tickets.get(id) || { title: hit.title, where: new Set() };
      if (hit.type === "ticket") found.title = hit.title; // "#HD-100042 Subject": a message's may be a reply's "Re: …"
      found.where.add(hit.type === "ticket" ? "the subject" : "a message");
      tickets.set(id, found);
    }
    const clear = h("a", { href: link("/") }, "All tickets");
    if (!tickets.size) return mount(list, state.empty("Nothing found", `No ticket mentions “${q}”.`, clear));
    mount(list, h("ul", { class: "list", "aria-label": `Tickets matching ${q}` }, [...tickets].map(([id, hit]) => h("li", {},
      h("a", { class: "list-row", href: link(`/tickets/${encodeURIComponent(id)}`) },
        h("span", { class: "row-main" }, h("div", { style: "font-weight:600" }, hit.title || "(no subject)"), h("div", { class: "faint small" }, "Found in " + [...hit.where].sort().reverse().join(" and "))))))),
    h("p", { class: "small" }, clear));
  }, (error) => mount(list, state.error(error, () => searchResults(list, q))));
}

export function ticketsPage(route, { app }) {
  const q = (route.query.q || "").trim();
  const list = h("div", {}, state.loading(q ? "Searching" : "Loading your tickets"));
  const box = h("input", { class: "input", type: "search", id: "ticket-search", name: "q", value: q, placeholder: "Search your tickets" });
  const search = h("form", { role: "search", class: "row", onsubmit: (event) => { event.preventDefault(); location.hash = link("/", { q: box.value.trim() }); } },
    h("label", { for: "ticket-search", class: "visually-hidden" }, "Search your organisation's tickets"), h("div", { class: "grow" }, box),
    h("button", { class: "btn", type: "submit" }, "Search"));
  mount(app, h("main", { class: "page reading stack", id: "main" },
    h("div", { class: "spread" }, h("h1", {}, q ? `Tickets matching “${q}”` : "Your tickets"), h("a", { class: "btn btn-primary", href: link("/tickets/new") }, "New ticket")), search, list));
  if (q) return searchResults(list, q);
  api("/tickets").then((page) => {
    if (!page.items.length) return mount(list, state.empty("No tickets yet", "Questions about a module? Write to us.", h("a", { class: "btn", href: link("/tickets/new") }, "Open a ticket")));
    const sorted = [...page.items].sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at));
    mount(list, h("ul", { class: "list", "aria-label": "Your tickets" }, sorted.map((t) => h("li", {},
      h("a", { class: "list-row", href: link(`/tickets/${encodeURIComponent(t.id)}`) },
        h("span", { class: "mono faint small lead" }, t.number),
        h("span", { class: "row-main" }, h("div", { style: "font-weight:600" }, t.subject || "(no subject)"), h("div", { class: "faint small" }, "Updated ", ago(t.last_activity_at))),
        statusBadge(t.status))))));
  }, (error) => mount(list, state.error(error, () => ticketsPage(route, { app }))));
}

function fileField(id) {
  const input = h("input", { type: "file", id, multiple: true, class: "small" });
  return [input, h("label", { class: "field", for: id }, h("span", {}, "Attachments (up to 10 MB each)"), input)];
}

export function newTicketPage(route, { app }) {
  const [files, filesField] = fileField("new-files");
  const error = h("p", { role: "alert", class: "small", style: "color:var(--bad)" });
  const send = h("button", { class: "btn btn-primary", type: "submit" }, "Send");
  const form = h("form", { class: "card stack", "aria-labelledby": "new-title" },
    h("label", { class: "field" }, h("span", {}, "Subject"), h("input", { class: "input", name: "subject", required: true, maxlength: 200 })),
    h("label", { class: "field" }, h("span", {}, "How can we help?"), h("textarea", { class: "textarea", name: "text", required: true, rows: 8 })),
    filesField, error, h("div", { class: "row" }, send, h("a", { class: "btn btn-ghost", href: link("/") }, "Cancel")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    send.disabled = true;
    error.textContent = "";
    try {
      const data = new FormData(form);
      const created = await api("/tickets", { method: "POST", body: {
        subject: String(data.get("subject")).trim(), text: String(data.get("text")).trim(), attachments: await attachmentsOf(files) } });
      const id = created.ticket ? created.ticket.id : created.id;
      toast("Ticket sent. We'll answer by e-mail and here.");
      location.hash = link(`/tickets/${encodeURIComponent(id)}`);
    } catch (failure) {
      error.textContent = failure.message;
      send.disabled = false;
    }
  });
  mount(app, h("main", { class: "page reading stack", id: "main" }, h("a", { href: link("/"), class: "small" }, "← Your tickets"), h("h1", { id: "new-title" }, "New ticket"), form));
  form.querySelector("input").focus();
}

async function download(ticketId, file) {
  try {
    const { url } = await api(`/tickets/${encodeURIComponent(ticketId)}/download`, { query: { key: file.key } });
    location.assign(url);
  } catch (error) {
    toast(`Download failed: ${error.message}`);
  }
}

export function ticketPage(route, { app }) {
  const root = h("main", { class: "page reading stack", id: "main" }, state.loading("Loading the ticket"));
  mount(app, root);
  const path = `/tickets/${encodeURIComponent(route.id)}`;
  async function load() {
    try {
      const { ticket, messages } = await api(path);
      const visible = messages.filter((m) => m.direction !== "note"); // notes are staff-only, even if one slipped through
      const [files, filesField] = fileField("reply-files");
      const error = h("p", { role: "alert", class: "small", style: "color:var(--bad)" });
      const text = h("textarea", { class: "textarea", id: "reply-text", required: true, rows: 5 });
      const send = h("button", { class: "btn btn-primary", type: "submit" }, "Send reply");
      const form = h("form", { class: "card stack", "aria-label": "Reply" },
        h("label", { class: "field", for: "reply-text" }, h("span", {}, ticket.status === "closed" ? "Write to reopen this ticket" : "Your reply"), text),
        filesField, error, h("div", {}, send));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (!text.value.trim()) return text.focus();
        send.disabled = true;
        try {
          await api(`${path}/replies`, { method: "POST", body: { text: text.value.trim(), attachments: await attachmentsOf(files) } });
          toast("Reply sent");
          await load();
        } catch (failure) {
          error.textContent = failure.message;
          send.disabled = false;
        }
      });
      mount(root, h("a", { href: link("/"), class: "small" }, "← Your tickets"),
        h("div", {}, h("h1", {}, ticket.subject || "(no subject)"), h("div", { class: "row" }, h("span", { class: "mono muted" }, ticket.number), statusBadge(ticket.status))),
        visible.length ? conversation(visible, { onDownload: (file) => download(ticket.id, file), staffLabel: "Support team", showAuthor: false }) : state.empty("No messages yet"), surveyCard(ticket), form);
    } catch (error) {
      mount(root, state.error(error, load));
    }
  }
  load();
}
