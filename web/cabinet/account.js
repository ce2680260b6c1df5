// Orders, licenses, invoices and notices: read-only lists of what the customer bought and was told.
import { h, mount, state, badge, toast, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day, money, when } from "/shared/format.js";
import { openDocument } from "/shared/documents.js";

function listPage(app, title, path, emptyText, render) {
  const body = h("div", {}, state.loading(`Loading ${title.toLowerCase()}`));
  mount(app, h("main", { class: "page reading stack", id: "main" }, h("h1", {}, title), body));
  const load = () => api(path).then((page) => mount(body, page.items.length ? render(page.items) : state.empty(`No ${title.toLowerCase()} yet`, emptyText)),
    (error) => mount(body, state.error(error, load)));
  load();
}

export function ordersPage(route, { app }) {
  listPage(app, "Orders", "/orders", "Modules you buy in the shop appear here.", (items) => dataTable("Orders",
    ["Order", "Date", "Items", "Total", "Status"],
    items.map((o) => ({ cells: [h("span", { class: "mono" }, o.number || o.id), day(o.created_at),
      h("div", {}, (o.items || []).map((i) => h("div", {}, `${i.name || i.product} · ${i.edition}${i.plan ? " · " + i.plan : ""}`))),
      money(o.total, o.currency), badge(o.status)] }))));
}

async function copy(text) {
  try { await navigator.clipboard.writeText(text); toast("License key copied"); } catch { toast("Select the key and copy it"); }
}

export function licensesPage(route, { app }) {
  listPage(app, "Licenses", "/licenses", "Licenses are issued when an order is paid.", (items) => h("div", { class: "stack" }, items.map((l) =>
    h("section", { class: "card stack", "aria-label": `${l.product} license` },
      h("div", { class: "spread" }, h("h2", {}, `${l.product} `, h("span", { class: "muted" }, l.edition)), badge(l.state)),
      h("dl", { class: "small", style: "display:grid;grid-template-columns:auto 1fr;gap:4px 16px;margin:0" },
        h("dt", { class: "muted" }, "Shop domains"), h("dd", { style: "margin:0" }, (l.domains || []).join(", ") || "—"),
        h("dt", { class: "muted" }, "Valid until"), h("dd", { style: "margin:0" }, l.expires ? day(l.expires) : "Lifetime"),
        h("dt", { class: "muted" }, "Updates until"), h("dd", { style: "margin:0" }, day(l.updates_until)),
        h("dt", { class: "muted" }, "Activations"), h("dd", { style: "margin:0" }, `${(l.activations || []).length} of ${l.max_activations ?? "—"}`)),
      l.key ? h("div", { class: "stack" }, h("div", { class: "license-key", "aria-label": "License key" }, l.key),
        h("button", { class: "btn btn-small", type: "button", onclick: () => copy(l.key) }, "Copy key")) : null))));
}

export function invoicesPage(route, { app }) {
  listPage(app, "Invoices", "/invoices", "Invoices appear after each payment.", (items) => dataTable("Invoices",
    ["Invoice", "Issued", "Net", "VAT", "Total", "Status", ""],
    items.map((i) => ({ cells: [h("span", { class: "mono" }, i.number || i.id), day(i.issued_at),
      i.net !== undefined ? money(i.net, i.currency) : "", i.tax !== undefined ? `${money(i.tax, i.currency)} (${i.tax_rate ?? 0} %)` : "",
      money(i.total, i.currency), badge(i.status),
      i.download ? h("button", { class: "btn btn-small", type: "button", "aria-label": `Download ${i.number}`, onclick: () => openDocument(i.download) }, "Download")
        : i.url ? h("a", { href: i.url, target: "_blank", rel: "noopener" }, "Download") : ""] }))));
}

export function noticesPage(route, { app }) {
  listPage(app, "Notices", "/notices", "Renewal reminders and important news appear here.", (items) => h("ul", { class: "list" }, items.map((n) =>
    h("li", { class: `notice-item${n.read ? "" : " unread"}` }, h("div", { style: "padding:12px 16px" },
      h("div", { class: "spread" }, h("strong", {}, n.title), h("time", { class: "faint small", datetime: n.created_at }, when(n.created_at))),
      h("p", { class: "muted", style: "margin:4px 0 0" }, n.text))))));
}
