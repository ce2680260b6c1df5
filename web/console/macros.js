// The macro picker above the composer: applying one fills the reply (in the customer's language) and saves
// its ticket changes at once. "Macros…" lists the ones the agent may change (Edit, Delete) above the form.
import { h, mount, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { macroForm } from "./macro-form.js";

export function macroPicker(ticket, { onApplied }) {
  const select = h("select", { class: "input", id: "macro-select", "aria-label": "Apply a macro" }, h("option", { value: "" }, "Apply a macro…"));
  const manage = h("details", { class: "macro-new" }, h("summary", { class: "small" }, "Macros…"));
  const list = h("ul", { class: "macro-list small", "aria-label": "Macros you can change" });
  const form = macroForm({ onSaved: () => load() });
  const node = h("div", { class: "macro-bar" }, select, manage);
  let loaded = [];

  async function load() {
    try {
      loaded = (await api("/macros")).items;
    } catch { return; /* the composer works without macros */ }
    select.replaceChildren(h("option", { value: "" }, loaded.length ? "Apply a macro…" : "No macros yet"),
      ...loaded.map((m) => h("option", { value: m.id }, m.shared ? m.name : `${m.name} (mine)`)));
    mount(list, ...loaded.filter((m) => m.editable).map(row));
  }

  function row(macro) {
    const edit = h("button", { class: "btn btn-small btn-ghost", type: "button" }, "Edit");
    const remove = h("button", { class: "btn btn-small btn-ghost", type: "button" }, "Delete");
    edit.addEventListener("click", () => form.edit(macro));
    remove.addEventListener("click", async () => {
      if (!confirm(`Delete the macro “${macro.name}”${macro.shared ? " for the whole team" : ""}?`)) return;
      try {
        await api(`/macros/${encodeURIComponent(macro.id)}`, { method: "DELETE" });
        toast("Macro deleted");
        await load();
      } catch (failure) {
        toast(`Macro not deleted: ${failure.message}`);
      }
    });
    return h("li", { class: "macro-row", "data-macro": macro.id },
      h("span", {}, macro.shared ? macro.name : `${macro.name} (mine)`), edit, remove);
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

  manage.append(list, form.node);
  load();
  return { node };
}
