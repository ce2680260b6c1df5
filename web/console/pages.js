// Escalations: the pages the alarms sent and the final calls (GET /ops/pages), with an acknowledge button while a
// page waits.
import { h, mount, state, badge, toast, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { when } from "/shared/format.js";

const STATES = { waiting: ["Waiting", "warn"], acknowledged: ["Acknowledged", "ok"], passed_on: ["Passed on", "plain"], called: ["Called", "bad"] };

const who = (p) => (p.channel === "phone" ? `Phone call: ${p.name} (${p.phone})` : `${p.step + 1}. ${p.name}`);

function pagesTable(pages, acknowledge) {
  if (!pages.items.length) return state.empty("No pages", "When an alarm fires, the on-call rota is paged and the pages show here.");
  return dataTable("Pages sent for alarms", ["Alarm", "Person", "Paged", "State", ""], pages.items.map((p) => {
    const [label, kind] = STATES[p.state] || [p.state, "plain"];
    return {
      cells: [h("span", { class: "mono" }, p.alarm), who(p), when(p.paged_at),
        p.state === "acknowledged" ? h("span", {}, badge(label, kind), " ", h("span", { class: "small muted" }, `by ${p.acknowledged_by}`))
          : p.state === "waiting" ? h("span", {}, badge(label, kind), " ", h("span", { class: "small muted" }, `until ${when(p.answer_by)}`))
            : badge(label, kind),
        p.ack_token
          ? h("button", { class: "btn btn-small btn-primary", type: "button", "aria-label": `Acknowledge the page to ${p.name} for ${p.alarm}`, onclick: (e) => acknowledge(p, e.currentTarget) }, "Acknowledge")
          : ""],
    };
  }));
}

export function pagesSection() {
  const body = h("div", {}, state.loading("Loading pages"));
  const section = h("section", { "aria-labelledby": "pages-title", class: "stack" }, h("h2", { id: "pages-title" }, "Escalations"), body);

  async function acknowledge(page, button) {
    button.disabled = true;
    try {
      await api("/ops/ack", { method: "POST", body: { token: page.ack_token } });
      toast(`Acknowledged: ${page.alarm}`);
      load();
    } catch (error) {
      button.disabled = false;
      toast(`Not acknowledged: ${error.message}`);
    }
  }
  function load() {
    api("/ops/pages").then((pages) => mount(body, pagesTable(pages, acknowledge)), (error) => mount(body, state.error(error, load)));
  }
  return { section, reload: load }; // the page's load() calls reload, with its other sections
}
