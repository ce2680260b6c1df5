// The macro picker above the composer: applying one fills the reply (in the customer's language) and saves
// its ticket changes at once. A small form makes a new macro, personal or shared.
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

export function macroPicker(ticket, { onApplied }) {
  const select = h("select", { class: "input", id: "macro-select", "aria-label": "Apply a macro" }, h("option", { value: "" }, "Apply a macro…"));
  const create = h("details", { class: "macro-new" }, h("summary", { class: "small" }, "New macro"));
  const node = h("div", { class: "macro-bar" }, select, create);
  let loaded = [];

  async function load() {
    try {
      loaded = (await api("/macros")).items;
      select.replaceChildren(h("option", { value: "" }, loaded.length ? "Apply a macro…" : "No macros yet"),
        ...loaded.map((m) => h("option", { value: m.id }, m.shared ? m.name : `${m.name} (mine)`)));
    } catch { /* the composer works without macros */ }
  }

  select.addEventListener("change", async () => {
    const macroId = select.value;
    if (!macroId) return;
    try {
      const result = await api(`/tickets/${encodeURIComponent(ticket.id)}/apply-macro`, { method: "POST", body: { macro_id: macroId } });
      toast(`Macro applied: ${loaded.find((m) => m.id === macroId)?.name || ""}`);
      onApplied(result);
    } catch (failure) {
      toast(`Macro failed: ${failure.message}`);
    } finally {
      select.value = "";
    }
  });

  // No `required`: this sits inside the composer's form, whose validation must not stop a reply.
  const name = h("input", { class: "input", id: "macro-name", maxlength: 100 });
  const text = h("textarea", { class: "textarea", id: "macro-text", rows: 3, placeholder: "Hello {{customer.name}}, … {{agent.name}}" });
  const status = h("select", { class: "input", id: "macro-status" }, h("option", { value: "" }, "Status unchanged"),
    ...["open", "pending", "solved"].map((s) => h("option", { value: s }, s)));
  const tags = h("input", { class: "input", id: "macro-tags", placeholder: "tag, tag" });
  const shared = h("input", { type: "checkbox", id: "macro-shared", checked: true });
  const save = h("button", { class: "btn btn-small", type: "button" }, "Save macro");
  create.addEventListener("keydown", (event) => { if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault(); });
  save.addEventListener("click", async () => {
    if (!name.value.trim()) { toast("Give the macro a name"); name.focus(); return; }
    const set = {};
    if (status.value) set.status = status.value;
    const tagList = tags.value.split(",").map((t) => t.trim()).filter(Boolean);
    if (tagList.length) set.tags = tagList;
    try {
      await api("/macros", { method: "POST", body: { name: name.value.trim(), text: text.value, set, shared: shared.checked } });
      toast("Macro saved");
      name.value = text.value = tags.value = "";
      create.open = false;
      await load();
    } catch (failure) {
      toast(`Macro not saved: ${failure.message}`);
    }
  });
  create.append(h("div", { class: "stack macro-form" },
    h("label", { class: "field" }, h("span", { class: "label" }, "Name"), name),
    h("label", { class: "field" }, h("span", { class: "label" }, "Text ({{customer.name}}, {{ticket.number}}, {{agent.name}}, {{customer.license_key}})"), text),
    h("div", { class: "row" },
      h("label", { class: "field" }, h("span", { class: "label" }, "Set status"), status),
      h("label", { class: "field" }, h("span", { class: "label" }, "Add tags"), tags)),
    h("label", { class: "row small" }, shared, "Shared with the team"), save));
  load();
  return { node };
}
