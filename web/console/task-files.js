// A task's files: the list with short-lived downloads, and an upload (base64 in JSON, like reply attachments).
import { h } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { attachmentsOf } from "/shared/files.js";
import { bytes, when } from "/shared/format.js";

export function taskFiles(task, path, send) {
  const picker = h("input", { id: "task-files", type: "file", multiple: true });
  const open = async (file) => {
    const { url } = await api(`${path}/download`, { query: { key: file.key } });
    location.assign(url);
  };
  return h("div", { class: "card stack", id: "task-files-card" }, h("h2", {}, `Files (${(task.attachments || []).length})`),
    h("ul", { class: "stack small" }, (task.attachments || []).map((f) => h("li", {},
      h("button", { type: "button", class: "attachment", "aria-label": `Download ${f.filename}`, onclick: () => open(f) }, f.filename),
      ` ${bytes(f.size)} · ${f.by} · ${when(f.at)}`))),
    h("form", { class: "row", onsubmit: async (e) => {
      e.preventDefault();
      if (!picker.files.length) return picker.focus();
      send({ path: `${path}/attachments`, method: "POST", body: { attachments: await attachmentsOf(picker) } }, "Files attached");
    } }, h("label", { for: "task-files", class: "label" }, "Attach"), picker, h("button", { class: "btn btn-small", type: "submit" }, "Upload")));
}
