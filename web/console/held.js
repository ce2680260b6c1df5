// Form submissions held for review (#/ops/held): why each was refused, what was sent, release or dismiss.
// The answers come sanitised by the server's one policy and pass the console's own fence (mailhtml.js);
// the raw text is shown as text only. Nothing a sender wrote can run here.
import { h, mount, state, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { when } from "/shared/format.js";
import { htmlBody } from "/shared/mailhtml.js";

function answer(a) {
  return h("div", { class: "held-answer" },
    h("strong", {}, a.name), htmlBody(a.html),
    h("details", {}, h("summary", { class: "small" }, "As sent"), h("pre", { class: "mono small held-raw" }, a.text)));
}

function card(item, act) {
  const buttons = h("div", { class: "row" },
    h("button", { class: "btn btn-small", type: "button", onclick: (e) => act(item, "release", e.currentTarget) }, "Release as ticket"),
    h("button", { class: "btn btn-small", type: "button", onclick: (e) => act(item, "dismiss", e.currentTarget) }, "Dismiss"));
  return h("article", { class: "card stack held-item", "data-reference": item.reference },
    h("div", { class: "spread" }, h("span", { class: "mono" }, item.reference),
      h("span", { class: "muted small" }, `${item.form_id} · ${when(item.received_at)} · ${item.origin || "no origin"}`)),
    h("div", { class: "row" }, ...item.reasons.map((r) => badge(r, "warn"))),
    ...item.answers.map(answer), buttons);
}

export function heldPage(route, { app }) {
  const list = h("div", { class: "stack" }, state.loading("Loading held submissions"));
  mount(app, h("main", { class: "page stack", id: "main" },
    h("div", { class: "spread" }, h("h1", {}, "Held form submissions"), h("a", { href: link("/ops") }, "← Operations")),
    list));

  async function act(item, action, button) {
    button.disabled = true;
    try {
      await api(`/channels/held/${encodeURIComponent(item.reference)}/${action}`, { method: "POST" });
      toast(action === "release" ? `${item.reference} released: it opens a ticket` : `${item.reference} dismissed`);
      load();
    } catch (error) {
      button.disabled = false;
      toast(`Not done: ${error.message}`);
    }
  }
  function load(cursor) {
    api("/channels/held", { query: cursor ? { cursor } : {} }).then((page) => {
      if (!page.items.length) return mount(list, state.empty("Nothing held", "No form submission waits for review."));
      const more = page.cursor ? h("button", { class: "btn", type: "button", onclick: () => load(page.cursor) }, "Older") : null;
      mount(list, ...page.items.map((item) => card(item, act)), more);
    }, (error) => mount(list, state.error(error, () => load(cursor))));
  }
  load();
}
