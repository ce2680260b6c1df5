// The agent's own signature, under the reply box: the server adds it to each reply they send, after a "-- "
// line, and names the mail "Anna from Support". Loaded when opened, so the composer costs no extra request.
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

export function signatureEditor() {
  const text = h("textarea", { class: "textarea", id: "signature-text", rows: 3, maxlength: 2000 });
  const sender = h("p", { class: "small muted", id: "signature-sender" });
  const save = h("button", { class: "btn btn-small", type: "button" }, "Save signature");
  const status = h("p", { class: "small", role: "status" });
  const node = h("details", { class: "signature" }, h("summary", { class: "small" }, "Your signature"),
    h("div", { class: "stack" }, sender,
      h("label", { class: "field" }, h("span", { class: "label" }, "Added under each reply you send"), text),
      h("div", { class: "row" }, save, status)));
  let loaded = false;

  const show = (answer) => {
    text.value = answer.signature;
    sender.textContent = `Your replies go out as “${answer.from_name}”.`;
  };
  node.addEventListener("toggle", async () => {
    if (!node.open || loaded) return;
    // Nothing to type into until the saved signature is in: a late answer would overwrite what was typed.
    text.disabled = save.disabled = true;
    try { show(await api("/me/signature")); loaded = true; } catch (failure) { status.textContent = failure.message; }
    text.disabled = save.disabled = false;
  });
  save.addEventListener("click", async () => {
    save.disabled = true;
    try {
      show(await api("/me/signature", { method: "PUT", body: { signature: text.value } }));
      status.textContent = "";
      toast("Signature saved");
    } catch (failure) {
      status.textContent = failure.message;
    } finally {
      save.disabled = false;
    }
  });
  return node;
}
