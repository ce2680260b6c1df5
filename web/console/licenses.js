// Licenses: the at-risk dashboard (GET /licenses/at-risk) and the search (GET /licenses -> LicenseListPageView).
import { h, mount, state, badge, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { day, money } from "/shared/format.js";
import { customerLink } from "./customer.js";

const STATES = ["", "active", "expiring", "grace", "expired", "suspended", "revoked"];
const RISK_TABS = [["30", "30 days"], ["60", "60 days"], ["90", "90 days"], ["grace", "In grace"], ["lost", "Lost"]];
const licenseLink = (id, text = id) => h("a", { href: link(`/licenses/${encodeURIComponent(id)}`) }, text);

function riskRows(tab, risk) {
  if (tab === "grace") return risk.in_grace;
  if (tab === "lost") return risk.lost;
  return risk.expiring[tab] || [];
}

function riskTable(rows, tab) {
  if (!rows.length) return state.empty("Nothing here", tab === "lost" ? "No license was lost in the last 30 days." : "No license in this group.");
  return dataTable("Licenses at risk", ["License", "Customer", "Ends", "Grace until", "Price", "Manager"], rows.map((r) => ({
    cells: [h("span", {}, licenseLink(r.license_id, r.title), " ", r.automatic ? badge("automatic", "plain") : null),
      customerLink(r.customer_id, r.customer || r.customer_id), day(r.renews_on), day(r.grace_until), money(r.amount, r.currency), r.manager],
  })));
}

// A tab list: arrow keys move between tabs, the panel follows (WAI-ARIA tabs pattern, automatic activation).
function tabList(label, tabs, selected, onSelect, count) {
  const buttons = tabs.map(([value, text]) => h("button", {
    type: "button", role: "tab", id: `tab-${value}`, "aria-selected": String(value === selected), "aria-controls": "risk-panel",
    tabindex: value === selected ? "0" : "-1", onclick: () => onSelect(value),
  }, text, count(value) === null ? null : [h("span", { class: "visually-hidden" }, ", "), h("span", { class: "count" }, String(count(value)))]));
  const move = (event) => {
    const at = buttons.indexOf(document.activeElement);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (at < 0 || !step) return;
    const next = buttons[(at + step + buttons.length) % buttons.length];
    next.focus();
    next.click();
  };
  return h("div", { class: "tabs", role: "tablist", "aria-label": label, onkeydown: move }, buttons);
}

function atRisk(root) {
  let tab = "30";
  let risk = null;
  const panel = h("div", { id: "risk-panel", role: "tabpanel" }, state.loading("Loading licenses at risk"));
  const tabs = h("div");
  const revenue = h("p", { class: "muted", "aria-live": "polite" });
  const show = () => {
    const count = (value) => (risk ? riskRows(value, risk).length : null);
    mount(tabs, tabList("Licenses at risk", RISK_TABS, tab, (value) => { tab = value; show(); document.getElementById(`tab-${value}`)?.focus(); }, count));
    panel.setAttribute("aria-labelledby", `tab-${tab}`);
    if (risk) mount(panel, riskTable(riskRows(tab, risk), tab));
  };
  const load = () => api("/licenses/at-risk").then((answer) => {
    risk = answer;
    const sums = Object.entries(risk.revenue_at_risk).map(([currency, amount]) => money(amount, currency));
    mount(revenue, "Revenue at risk (next 90 days and in grace): ", h("strong", { id: "revenue-at-risk" }, sums.join(" + ") || "nothing"));
    show();
  }, (error) => mount(panel, error.status === 403 ? state.empty("Not for your role", "Managers, accountants and admins see licenses at risk.") : state.error(error, load)));
  show();
  load();
  mount(root, h("h2", { id: "risk-title" }, "At risk"), revenue, tabs, panel);
}

function searchForm(query) {
  const field = (name, label, attrs = {}) => h("label", { class: "field", for: `lic-${name}` }, h("span", {}, label),
    h("input", { class: "input", id: `lic-${name}`, name, value: query[name] || "", autocomplete: "off", ...attrs }));
  const stateSelect = h("select", { class: "select", id: "lic-state", name: "state" },
    STATES.map((s) => h("option", { value: s, selected: s === (query.state || "") }, s ? s[0].toUpperCase() + s.slice(1) : "Any state")));
  const submit = (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    location.hash = link("/licenses", Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v).trim()])));
  };
  return h("form", { class: "card stack", role: "search", "aria-label": "Find licenses", onsubmit: submit },
    h("div", { class: "form-grid" }, field("customer", "Customer e-mail", { type: "text", placeholder: "ann@shop.example" }),
      field("key", "License key", { placeholder: "HDL1.… (its first 60 characters are enough)" }), field("product", "Product"),
      h("label", { class: "field", for: "lic-state" }, h("span", {}, "State"), stateSelect), field("domain", "Shop domain", { placeholder: "shop.example.com" })),
    h("div", { class: "row" }, h("button", { class: "btn btn-primary", type: "submit" }, "Find"),
      h("a", { class: "btn btn-ghost", href: link("/licenses") }, "Clear")));
}

function results(root, query) {
  const table = h("tbody");
  const more = h("div", { class: "row" });
  const wanted = Object.fromEntries(Object.entries(query).filter(([, v]) => v));
  const load = (cursor) => api("/licenses", { query: { ...wanted, cursor } }).then((page) => {
    if (!cursor && !page.items.length && !page.cursor) return mount(root, state.empty("No licenses found", "Change the filters, or clear them."));
    for (const l of page.items) {
      table.append(h("tr", {},
        h("td", { "data-label": "License" }, licenseLink(l.id, l.title), h("div", { class: "faint small mono" }, l.id)),
        h("td", { "data-label": "State" }, badge(l.state)),
        h("td", { "data-label": "Customer" }, customerLink(l.customer_id, l.customer || l.customer_id)),
        h("td", { "data-label": "Domains" }, l.domains.join(", ") || "—"),
        h("td", { "data-label": "Expires" }, l.expires ? day(l.expires) : "Lifetime")));
    }
    mount(more, page.cursor ? h("button", { class: "btn", type: "button", onclick: () => load(page.cursor) }, "Load more") : null);
  }, (error) => mount(root, state.error(error, () => load(cursor))));
  mount(root, h("div", { class: "table-wrap" }, h("table", { class: "table stackable" }, h("caption", { class: "visually-hidden" }, "Licenses found"),
    h("thead", {}, h("tr", {}, ["License", "State", "Customer", "Domains", "Expires"].map((t) => h("th", { scope: "col" }, t)))), table)), more);
  load(undefined);
}

export function licensesPage(route, { app }) {
  const risk = h("section", { class: "stack", "aria-labelledby": "risk-title" });
  const found = h("div", {});
  mount(app, h("main", { class: "page stack licenses-page", id: "main" }, h("h1", {}, "Licenses"), risk,
    h("section", { class: "stack", "aria-labelledby": "find-title" }, h("h2", { id: "find-title" }, "Find licenses"), searchForm(route.query), found)));
  atRisk(risk);
  results(found, route.query);
}
