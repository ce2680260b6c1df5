// The macro form under "Macros…": a new macro, or one of the list being edited. Besides the text a macro may
// set status, priority, tags and assignee (a picker of active staff) in the same click.
import { h, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const choice = (id, label, unchanged, values) => h("label", { class: "field" }, h("span", { class: "label" }, label),
  h("select", { class: "input", id }, h("option", { value: "" }, unchanged), ...values.map(([v, text]) => h("option", { value: v }, text))));

export function macroForm({ onSaved }) {
  let editing = null; // the macro being changed, or null for a new one
  // No `required`: this sits inside the composer's form, whose validation must not stop a reply.
  const name = h("input", { class: "input", id: "macro-name", maxlength: 100 });
  const text = h("textarea", { class: "textarea", id: "macro-text", rows: 3, placeholder: "Hello {{customer.name}}, … {{agent.name}}" });
  const status = choice("macro-status", "Set status", "Status unchanged", ["open", "pending", "solved"].map((s) => [s, s]));
  const priority = choice("macro-priority", "Set priority", "Priority unchanged", ["low", "normal", "high", "urgent"].map((p) => [p, p]));
  const assignee = choice("macro-assignee", "Assign to", "Assignee unchanged", []);
  const russian = h("textarea", { class: "textarea", id: "macro-text-ru", rows: 2, placeholder: "Здравствуйте, {{customer.name}}, …" });
  const tags = h("input", { class: "input", id: "macro-tags", placeholder: "tag, tag" });
  const shared = h("input", { type: "checkbox", id: "macro-shared", checked: true });
  const title = h("p", { class: "small", id: "macro-form-title" }, "New macro");
  const save = h("button", { class: "btn btn-small", type: "button", id: "macro-save" }, "Save macro");
  const cancel = h("button", { class: "btn btn-small btn-ghost", type: "button", id: "macro-cancel", hidden: true }, "Cancel editing");
  const select = (label) => label.querySelector("select");

  api("/staff").then((page) => select(assignee).append(...page.items.map((s) => h("option", { value: s.email }, s.name || s.email))))
    .catch(() => { assignee.hidden = true; });

  function fill(macro) {
    editing = macro;
    title.textContent = macro ? `Editing “${macro.name}”` : "New macro";
    save.textContent = macro ? "Save changes" : "Save macro";
    cancel.hidden = !macro;
    const set = macro?.set || {};
    name.value = macro?.name || "";
    text.value = macro?.text || "";
    russian.value = macro?.translations?.ru || "";
    select(status).value = set.status || "";
    select(priority).value = set.priority || "";
    if (set.assignee && ![...select(assignee).options].some((o) => o.value === set.assignee)) {
      select(assignee).append(h("option", { value: set.assignee }, set.assignee));
    }
    select(assignee).value = set.assignee || "";
    tags.value = (set.tags || []).join(", ");
    shared.checked = macro ? macro.shared : true;
  }

  function body() {
    const set = {};
    for (const [key, label] of [["status", status], ["priority", priority], ["assignee", assignee]]) {
      if (select(label).value) set[key] = select(label).value;
    }
    const tagList = tags.value.split(",").map((t) => t.trim()).filter(Boolean);
    if (tagList.length) set.tags = tagList;
    const translations = { ...(editing?.translations || {}), ru: russian.value };
    if (!russian.value.trim()) delete translations.ru; // customers writing Russian then get the main text
    return { name: name.value.trim(), text: text.value, set, shared: shared.checked, translations };
  }

  save.addEventListener("click", async () => {
    if (!name.value.trim()) { toast("Give the macro a name"); name.focus(); return; }
    try {
      const path = editing ? `/macros/${encodeURIComponent(editing.id)}` : "/macros";
      await api(path, { method: editing ? "PUT" : "POST", body: body() });
      toast(editing ? "Macro changed" : "Macro saved");
      fill(null);
      await onSaved();
    } catch (failure) {
      toast(`Macro not saved: ${failure.message}`);
    }
  });
  cancel.addEventListener("click", () => fill(null));

  const node = h("div", { class: "stack macro-form" }, title,
    h("label", { class: "field" }, h("span", { class: "label" }, "Name"), name),
    h("label", { class: "field" }, h("span", { class: "label" }, "Text ({{customer.name}}, {{ticket.number}}, {{agent.name}}, {{customer.license_key}})"), text),
    h("label", { class: "field" }, h("span", { class: "label" }, "Text for customers writing Russian (optional)"), russian),
    h("div", { class: "row" }, status, priority),
    h("div", { class: "row" }, assignee, h("label", { class: "field" }, h("span", { class: "label" }, "Add tags"), tags)),
    h("label", { class: "row small" }, shared, "Shared with the team"), h("div", { class: "row" }, save, cancel));
  node.addEventListener("keydown", (event) => { if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault(); });
  return { node, edit: (macro) => { fill(macro); name.focus(); } };
}
