// Messengers: "Connect Telegram" ties the customer's Telegram chat to this account through a one-time deep link
// (t.me/<bot>?start=<token>, 30 minutes); afterwards their Telegram messages land in their tickets as their mail does.
import { h, mount, state, badge } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { when } from "/shared/format.js";

const POLL_MS = 2000; // while the link is shown: the page turns to "Connected" once the bot has taken /start

function connected(card, connection) {
  mount(card, h("div", { class: "spread" }, h("h2", {}, "Telegram"), badge("connected", "ok")),
    h("p", { id: "telegram-state" }, `Connected: your Telegram chat with @${connection.username} is tied to this account. `,
      "Write to the bot and your messages land in your tickets."));
}

function waiting(card, connection, link) {
  const open = h("a", { class: "btn btn-primary", id: "telegram-open", href: link.url, target: "_blank", rel: "noopener" },
    `Open @${connection.username} in Telegram`);
  mount(card, h("h2", {}, "Telegram"), h("p", {}, open),
    h("p", { class: "muted", id: "telegram-state" }, "Press Start in Telegram. The link works once, until ",
      h("time", { datetime: link.expires_at }, when(link.expires_at)), ". Waiting for Telegram…"));
  const expires = Date.parse(link.expires_at);
  const poll = () => {
    if (!card.isConnected) return; // the customer left the page
    if (Date.now() > expires) return offer(card, connection, "The link has expired: ask for a new one.");
    api("/channels/telegram").then((now) => (now.linked ? connected(card, now) : setTimeout(poll, POLL_MS)),
      () => setTimeout(poll, POLL_MS));
  };
  setTimeout(poll, POLL_MS);
}

function offer(card, connection, note = "") {
  const button = h("button", { class: "btn btn-primary", type: "button", id: "telegram-connect" }, "Connect Telegram");
  const problem = h("p", { class: "field-error", role: "alert" }, note);
  button.addEventListener("click", () => {
    button.disabled = true;
    api("/channels/telegram/link", { method: "POST", body: { bot_id: connection.bot_id } })
      .then((link) => waiting(card, connection, link), (error) => { button.disabled = false; problem.textContent = error.message; });
  });
  mount(card, h("h2", {}, "Telegram"),
    h("p", {}, `Write to us from Telegram (@${connection.username}) and get our answers there, in the same tickets as your mail.`),
    h("p", {}, button), problem);
}

export function messengersPage(route, { app }) {
  const card = h("section", { class: "card stack", id: "telegram-connection", "aria-label": "Telegram" }, state.loading("Loading"));
  mount(app, h("main", { class: "page reading stack", id: "main" }, h("h1", {}, "Messengers"), card));
  const load = () => api("/channels/telegram").then((connection) => {
    if (!connection.offered) return mount(card, state.empty("No messengers yet", "Write to us by mail or open a ticket here."));
    return connection.linked ? connected(card, connection) : offer(card, connection);
  }, (error) => mount(card, state.error(error, load)));
  load();
}
