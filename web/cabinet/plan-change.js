// Changing a subscription's plan (GET /licenses/:id/plan -> options; POST .../plan/quote -> the prorated
// quote shown before confirming; POST .../plan -> an upgrade's payment page, or a downgrade scheduled).
import { h, mount, state, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day, money } from "/shared/format.js";

const path = (l, what) => `/licenses/${encodeURIComponent(l.id)}/${what}`;
const per = (plan) => (plan === "yearly" ? "year" : "month");

function quoteView(q) {
  if (!q.immediate) {
    return h("p", { class: "plan-quote" }, `Takes effect on ${day(q.effective)}, when this period ends: nothing is charged now, then ${money(q.next_price, q.currency)} a ${per(q.plan)}.`);
  }
  return h("div", { class: "plan-quote stack" },
    h("ul", { "aria-label": "Proration", style: "list-style:none;padding:0" }, q.lines.map((x) =>
      h("li", { class: "spread" }, h("span", {}, x.description), h("span", {}, money(x.amount, q.currency))))),
    h("p", {}, h("strong", { class: "due-now" }, `Due now: ${money(q.due, q.currency)}`),
      ` · then ${money(q.next_price, q.currency)} a ${per(q.plan)} from ${day(q.period_end)}`));
}

export function planChange(l, reload) {
  const box = h("div", {}, state.loading("Loading plans"));
  api(path(l, "plan")).then((p) => {
    const quote = h("div", { "aria-live": "polite" });
    const problem = h("p", { class: "field-error", role: "alert" });
    let chosen = null;
    const confirm = h("button", { class: "btn btn-primary", type: "button", disabled: true }, "Confirm plan change");
    const pick = (o) => {
      chosen = { edition: o.edition, plan: o.plan };
      confirm.disabled = true;
      mount(problem);
      mount(quote, state.loading("Pricing the change"));
      api(path(l, "plan/quote"), { method: "POST", body: chosen })
        .then((q) => { mount(quote, quoteView(q)); confirm.disabled = false; }, (e) => { mount(quote); mount(problem, e.message); });
    };
    confirm.addEventListener("click", () => {
      confirm.disabled = true;
      api(path(l, "plan"), { method: "POST", body: chosen }).then((done) => {
        if (done.url) return location.assign(done.url);
        toast(`Changes to ${done.edition} ${done.plan} on ${day(done.effective)}`);
        reload();
      }, (e) => { confirm.disabled = false; mount(problem, e.message); });
    });
    const choices = p.options.filter((o) => !o.current).map((o) => h("label", { class: "spread" },
      h("span", {}, h("input", { type: "radio", name: `plan-${l.id}`, value: `${o.edition}-${o.plan}`, onchange: () => pick(o) }),
        ` ${o.name || o.edition}, ${o.plan}`), h("span", { class: "muted" }, `${money(o.amount, o.currency)} a ${per(o.plan)}`)));
    mount(box,
      p.scheduled ? h("p", { class: "banner", role: "status" }, `Changes to ${p.scheduled.edition} ${p.scheduled.plan} when this period ends.`) : null,
      choices.length ? h("fieldset", { class: "stack", "aria-label": "Plans" }, h("legend", { class: "muted small" }, "Change to"), choices)
        : h("p", { class: "muted" }, "No other plan is sold for this module."),
      quote, problem, confirm);
  }, (error) => mount(box, state.error(error)));
  return box;
}
