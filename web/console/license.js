// One license (GET /licenses/:id -> LicensePageView) and the staff actions; each action answers the page anew.
import { h, mount, state, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { day, money, when } from "/shared/format.js";
import { orderTaskButton } from "./task-form.js";

const MANAGES = ["admin", "manager"];

function details(l, page) {
  const row = (label, value) => [h("dt", {}, label), h("dd", {}, value)];
  const orderTask = h("div", { class: "order-task" });
  return h("section", { class: "card", "aria-labelledby": "lic-details" }, h("h2", { id: "lic-details" }, "Details"),
    h("dl", { class: "facts" },
      row("Customer", h("a", { id: "lic-holder", href: link(`/customers/${encodeURIComponent(l.customer_id)}`) }, page.holder)),
      row("Shop domains", l.domains.join(", ") || "—"),
      row("Issued", day(l.issued)),
      row("Valid until", h("span", { id: "lic-expires" }, l.expires ? day(l.expires) : "Lifetime")),
      row("Updates until", day(l.updates_until)),
      row("Activations", `${l.activations.length} of ${l.max_activations}${l.activations.length ? ": " + l.activations.join(", ") : ""}`),
      // The license knows only its order's id: the customer's page lists the order by its number.
      row("Order", l.order_id ? [h("a", { id: "lic-order", href: link(`/customers/${encodeURIComponent(l.customer_id)}`) }, `Bought ${day(l.issued)} (see the customer's orders)`),
        " ", orderTaskButton({ id: l.order_id, label: `Order of ${day(l.issued)}` }, l.organisation_id, orderTask)] : "Issued by staff"),
      page.reason ? row("Reason", page.reason) : null), orderTask);
}

function renewalCard(r) {
  if (!r) return null;
  return h("section", { class: "card", "aria-labelledby": "lic-renewal" }, h("h2", { id: "lic-renewal" }, "Renewal"),
    h("dl", { class: "facts" }, h("dt", {}, "Period ends"), h("dd", {}, day(r.renews_on), " ", badge(r.state)),
      h("dt", {}, "Grace until"), h("dd", {}, day(r.grace_until)),
      h("dt", {}, "Price"), h("dd", {}, money(r.amount, r.currency), r.automatic ? " · charged automatically" : " · renewed by the customer"),
      h("dt", {}, "Manager"), h("dd", {}, r.manager)));
}

function historyCard(entries) {
  return h("section", { class: "card", "aria-labelledby": "lic-history" }, h("h2", { id: "lic-history" }, "History"),
    entries.length ? h("ol", { class: "history" }, [...entries].reverse().map((e) =>
      h("li", {}, h("time", { class: "faint small", datetime: e.at }, when(e.at)), " ", h("span", { class: "history-text" }, e.text))))
      : h("p", { class: "faint small" }, "No changes since it was issued."));
}

// A confirm dialog (native <dialog>: modal, Escape cancels, focus returns to the opener).
function confirmDialog(title, text, action) {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "dialog card", "aria-labelledby": "dialog-title", "aria-describedby": "dialog-text" },
      h("h2", { id: "dialog-title" }, title), h("p", { id: "dialog-text" }, text),
      h("form", { method: "dialog", class: "row" },
        h("button", { class: "btn btn-danger", value: "yes" }, action), h("button", { class: "btn", value: "no", autofocus: true }, "Cancel")));
    dialog.addEventListener("close", () => { dialog.remove(); resolve(dialog.returnValue === "yes"); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

function actionForm(id, title, fields, button, submit, extra = null, danger = false) {
  return h("form", { class: "stack action", "aria-labelledby": id, onsubmit: (e) => { e.preventDefault(); submit(Object.fromEntries(new FormData(e.currentTarget))); } },
    h("h3", { id }, title), fields, extra, h("button", { class: `btn btn-small${danger ? " btn-danger" : ""}`, type: "submit" }, button));
}

function input(name, label, attrs = {}) {
  const id = attrs.id || `act-${name}`;
  return h("label", { class: "field", for: id }, h("span", {}, label), h("input", { class: "input", name, required: true, autocomplete: "off", ...attrs, id }));
}
// The customer's mail says why; optional where the action speaks for itself.
const optionalReason = (action) => input("reason", "Reason (optional, the customer reads it)", { id: `act-${action}-reason`, required: false });
const select = (name, label, options) => h("label", { class: "field", for: `act-${name}` }, h("span", {}, label),
  h("select", { class: "select", id: `act-${name}`, name }, options.map(([value, text]) => h("option", { value }, text))));

function actionsCard(page, act) {
  const l = page.license;
  const revoked = l.state === "revoked";
  if (revoked) return h("section", { class: "card", "aria-labelledby": "lic-actions" }, h("h2", { id: "lic-actions" }, "Actions"), h("p", { class: "muted" }, "A revoked license cannot change."));
  const nextYear = l.expires ? new Date(new Date(l.expires).getTime() + 365 * 86400000).toISOString().slice(0, 10) : "";
  return h("section", { class: "card stack", "aria-labelledby": "lic-actions" }, h("h2", { id: "lic-actions" }, "Actions"),
    l.expires ? actionForm("act-extend-title", "Extend by hand", input("until", "New end date", { type: "date", value: nextYear }), "Extend",
      (f) => act("extend", { until: `${f.until}T00:00:00Z`, reason: f.reason }, `Extended until ${day(f.until)}`), optionalReason("extend")) : null,
    l.domains.length ? actionForm("act-transfer-title", "Transfer to another shop", [select("old_domain", "From", l.domains.map((d) => [d, d])), input("new_domain", "To domain", { placeholder: "new-shop.example.com" }), optionalReason("transfer")],
      "Transfer", (f) => act("transfer", f, `Moved to ${f.new_domain}: the customer needs the new key`)) : null,
    page.upgrades.length ? actionForm("act-upgrade-title", "Upgrade the edition", select("edition", "To edition", page.upgrades.map((u) => [u.edition, `${u.name} (difference ${money(u.amount, u.currency)})`])),
      "Apply upgrade", (f) => act("upgrade", f, `Upgraded to ${f.edition}`), h("p", { class: "faint small" }, "Applied by staff without a payment; a customer pays an upgrade through checkout.")) : null,
    l.state === "suspended"
      ? actionForm("act-resume-title", "Resume", optionalReason("resume"), "Resume", (f) => act("resume", { reason: f.reason }, "Resumed"))
      : actionForm("act-suspend-title", "Suspend", input("reason", "Reason", { id: "act-suspend-reason" }), "Suspend", (f) => act("suspend", f, "Suspended")),
    actionForm("act-revoke-title", "Revoke", input("reason", "Reason", { id: "act-revoke-reason" }), "Revoke…", async (f) => {
      if (await confirmDialog("Revoke this license?", `${l.title} for ${l.domains.join(", ")} stops validating at once. This cannot be undone.`, "Revoke license")) act("revoke", f, "Revoked");
    }, null, true));
}

export function licensePage(route, { app, me }) {
  const path = `/licenses/${encodeURIComponent(route.id)}`;
  const root = h("main", { class: "page stack", id: "main" }, state.loading("Loading the license"));
  mount(app, root);
  const manages = (me.roles || []).some((r) => MANAGES.includes(r));
  async function act(action, body, done) {
    try {
      render(await api(`${path}/${action}`, { method: "POST", body }));
      toast(done);
    } catch (error) {
      toast(`Not done: ${typeof error.message === "string" ? error.message : "check the fields"}`);
    }
  }
  function render(page) {
    const l = page.license;
    mount(root,
      h("div", {}, h("a", { href: link("/licenses") }, "← Licenses")),
      h("div", { class: "spread" }, h("h1", {}, l.title), h("span", { id: "lic-state" }, badge(l.state))),
      h("p", { class: "faint small" }, l.domains.join(", ") || "No shop domain yet"),
      h("div", { class: "license-layout" },
        h("div", { class: "stack" }, details(l, page), renewalCard(page.renewal),
          h("section", { class: "card stack", "aria-labelledby": "lic-key" }, h("h2", { id: "lic-key" }, "License key"), h("div", { class: "license-key" }, l.key)),
          historyCard(page.history)),
        h("div", { class: "stack" }, manages ? actionsCard(page, act) : h("p", { class: "muted small" }, "Managers and admins can change licenses."))));
  }
  const load = () => api(path).then(render, (error) => mount(root, state.error(error, load)));
  load();
}
