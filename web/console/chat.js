// Website chats (#/chats): live chats with their lines, polled every second while the tab is visible and every
// 30 s while it is hidden (each poll is a billed request, docs/cost.md; the tab asks at once when looked at).
// While this page is open the agent counts as online (a beat every 15 s), so new chats start live, not by mail.
import { h, mount, state, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const POLL_MS = 1000;
const HIDDEN_POLL_MS = 30000;
const BEAT_MS = 15000;

function chatCard(chat, drafts) {
  const input = h("input", { class: "input", "aria-label": `Answer ${chat.name}`, maxlength: "2000", value: drafts.get(chat.id) || "" });
  input.addEventListener("input", () => drafts.set(chat.id, input.value));
  const form = h("form", { class: "row" }, input, h("button", { class: "btn btn-primary btn-small", type: "submit" }, "Send"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    drafts.delete(chat.id); // before the call: a poll redrawing meanwhile must not bring the text back
    input.value = "";
    try {
      await api(`/chats/${encodeURIComponent(chat.id)}/messages`, { method: "POST", body: { text } });
    } catch (error) {
      drafts.set(chat.id, text);
      toast(`Not sent: ${error.message}`);
    }
  });
  return h("article", { class: "card stack live-chat", "data-chat": chat.id },
    h("div", { class: "spread" }, h("strong", {}, chat.name), h("span", { class: "muted small" }, chat.email)),
    h("ol", { class: "stack chat-lines", "aria-live": "polite" }, ...chat.lines.map((line) =>
      h("li", { class: `chat-line chat-${line.side}`, "data-seq": String(line.seq) }, h("strong", {}, `${line.author}: `), line.text))),
    form);
}

export function chatsPage(route, { app }) {
  const list = h("div", { class: "stack" }, state.loading("Loading chats"));
  const drafts = new Map(); // typed answers survive the next poll's redraw
  let focused = null;
  mount(app, h("main", { class: "page stack", id: "main" }, h("h1", {}, "Website chats"), list));
  let stopped = false, timer = null, loading = false;
  const beat = () => api("/chats/presence", { method: "POST" }).catch(() => {});
  const beats = setInterval(beat, BEAT_MS);
  beat();
  async function load() {
    loading = true;
    try {
      const { chats } = await api("/chats");
      focused = document.activeElement?.closest?.(".live-chat")?.dataset.chat || focused;
      if (!chats.length) mount(list, state.empty("No live chats", "Visitors' chats appear here while you keep this page open."));
      else mount(list, ...chats.map((c) => chatCard(c, drafts)));
      if (focused) list.querySelector(`[data-chat="${CSS.escape(focused)}"] input`)?.focus();
    } catch (error) {
      mount(list, state.error(error, load));
    } finally {
      loading = false;
      if (!stopped) timer = setTimeout(load, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
    }
  }
  const onVisibility = () => { if (!document.hidden && !loading && !stopped) { clearTimeout(timer); load(); } };
  document.addEventListener("visibilitychange", onVisibility);
  load();
  return () => {
    stopped = true; clearTimeout(timer); clearInterval(beats);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}
