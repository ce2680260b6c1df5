// The embeddable website chat (docs/channels.md). One tag on any site:
//   <script src="{shop origin}/embed/chat.js" async></script>   (the shop origin is https://...)
// The visitor gives a name and an address, then chats; new lines arrive by polling every POLL_MS. When no
// agent is online the chat says so: the messages become a ticket and the answer comes by mail.
(() => {
  const POLL_MS = 1000;
  const tag = document.currentScript;
  const api = `${new URL(tag.src).origin}/api/chats`;
  const root = document.createElement("div");
  root.className = "helpdesk-chat";
  tag.after(root);
  const el = (name, attrs = {}, ...children) => {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    node.append(...children);
    return node;
  };
  const post = async (path, fields) => {
    const response = await fetch(api + path, { method: "POST", body: new URLSearchParams(fields) });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.detail || "failed");
    return answer;
  };

  function startForm() {
    const name = el("input", { name: "name", required: "", maxlength: "100", "aria-label": "Your name", placeholder: "Your name" });
    const email = el("input", { name: "email", type: "email", required: "", maxlength: "254", "aria-label": "E-mail", placeholder: "E-mail" });
    const status = el("p", { role: "status" });
    const form = el("form", { class: "helpdesk-chat-start" }, name, " ", email, " ", el("button", { type: "submit" }, "Start chat"), status);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const chat = await post("", { name: name.value, email: email.value });
        chatBox(chat, email.value);
      } catch (error) {
        status.textContent = `Could not start: ${error.message}`;
      }
    });
    root.replaceChildren(form);
  }

  function chatBox(chat, email) {
    let after = 0;
    const log = el("ol", { class: "helpdesk-chat-log", "aria-live": "polite", "aria-label": "Chat" });
    const text = el("input", { name: "text", maxlength: "2000", "aria-label": "Your message", autocomplete: "off" });
    const note = el("p", { class: "helpdesk-chat-mode" }, chat.mode === "live"
      ? "An agent is here to answer."
      : `No one is online right now: write your question and we answer by mail to ${email}.`);
    const form = el("form", {}, text, " ", el("button", { type: "submit" }, "Send"));
    const show = (lines) => {
      for (const line of lines) {
        if (line.seq <= after) continue;
        after = line.seq;
        log.append(el("li", { class: `helpdesk-chat-${line.side}`, "data-seq": String(line.seq) }, el("strong", {}, `${line.author}: `), line.text));
      }
    };
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      const line = await post(`/${encodeURIComponent(chat.chat_id)}/messages`, { token: chat.token, text: text.value });
      text.value = "";
      show([line]);
    });
    const poll = async () => {
      try {
        show((await post(`/${encodeURIComponent(chat.chat_id)}/poll`, { token: chat.token, after: String(after) })).lines);
      } finally {
        setTimeout(poll, POLL_MS);
      }
    };
    root.replaceChildren(note, log, form);
    poll();
  }

  startForm();
})();
