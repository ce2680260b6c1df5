// Bulk actions on the inbox's multi-selection: assign, set status, add a tag, merge, mark as spam.
import { h, mount, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const STATUSES = ["open", "pending", "solved", "closed"];

let staffList = null;
const staff = () => staffList || (staffList = api("/staff").then((s) => s.items).catch(() => []));

function summary(answer, what) {
  const failed = answer.results.filter((r) => !r.ok);
  const text = `${what}: ${answer.changed} changed` + (failed.length ? `, ${failed.length} not (${failed.map((r) => r.error).join("; ")})` : "");
  toast(text);
  return text;
}

// A bar above the list; `selected()` gives the chosen ids, `done()` reloads the view after a change.
export function bulkBar(selected, done, clear) {
  const bar = h("div", { class: "bulk-bar", role: "region", "aria-label": "Bulk actions", hidden: true });
  const status = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });

  async function run(body, what) {
    const ids = selected();
    if (!ids.length) return;
    try {
      const answer = await api("/tickets/bulk", { method: "POST", body: { ids, ...body } });
      status.textContent = summary(answer, what);
      clear();
      done();
    } catch (error) {
      toast(`${what} failed: ${error.message}`);
    }
  }

  const assignee = h("select", { class: "input input-small", id: "bulk-assignee", "aria-label": "Assign selected to" },
    h("option", { value: "" }, "Assign to…"));
  staff().then((people) => people.forEach((p) => assignee.append(h("option", { value: p.email }, p.name || p.email))));
  assignee.addEventListener("change", () => { if (assignee.value) run({ set: { assignee: assignee.value } }, "Assigned"); assignee.value = ""; });

  const statusSelect = h("select", { class: "input input-small", id: "bulk-status", "aria-label": "Set status of selected" },
    h("option", { value: "" }, "Set status…"), STATUSES.map((s) => h("option", { value: s }, s[0].toUpperCase() + s.slice(1))));
  statusSelect.addEventListener("change", () => { if (statusSelect.value) run({ set: { status: statusSelect.value } }, "Status set"); statusSelect.value = ""; });

  const tag = h("input", { class: "input input-small", id: "bulk-tag", placeholder: "Add tag", "aria-label": "Tag to add to selected", maxlength: 50 });
  const tagForm = h("form", { class: "row", onsubmit: (e) => { e.preventDefault(); if (tag.value.trim()) run({ add_tags: [tag.value.trim()] }, "Tagged"); tag.value = ""; } },
    tag, h("button", { class: "btn btn-small", type: "submit" }, "Tag"));

  const merge = h("button", { class: "btn btn-small", type: "button", onclick: () => {
    const [target, ...rest] = selected();
    if (!rest.length) return toast("Select two or more tickets to merge");
    if (confirm(`Merge ${rest.length} ticket(s) into the first selected one?`)) run({ ids: rest, merge_into: target }, "Merged");
  } }, "Merge");
  const spam = h("button", { class: "btn btn-small btn-danger", type: "button", onclick: () => {
    if (confirm("Mark as spam? The tickets close and the senders' next mail waits in quarantine.")) run({ spam: true }, "Marked as spam");
  } }, "Spam");
  const count = h("strong", { class: "bulk-count" });
  mount(bar, count, assignee, statusSelect, tagForm, merge, spam,
    h("button", { class: "btn btn-ghost btn-small", type: "button", onclick: clear }, "Clear"), status);

  return {
    node: bar,
    update() {
      const n = selected().length;
      bar.hidden = n === 0;
      count.textContent = `${n} selected`;
    },
  };
}
