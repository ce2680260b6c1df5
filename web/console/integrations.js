// Integrations (admins only, #/admin/integrations): each connector's switch, address, options and credentials.
// Credentials are write-only: the API says whether they are set, never what they are; leaving the fields empty
// keeps the stored ones.
import { h, mount, state, toast, badge, dataTable, keepingEdits } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { when } from "/shared/format.js";

const TITLES = { pipedrive: "Pipedrive", bitrix24: "Bitrix24", omnidesk: "Omnidesk", onec: "1C (CommerceML exchange)" };
const ADDRESS = {
  pipedrive: "API address, e.g. https://yourcompany.pipedrive.com/api/v2",
  bitrix24: "Portal address, e.g. https://yourcompany.bitrix24.de",
  omnidesk: "Account address, e.g. https://yourcompany.omnidesk.ru",
  onec: "Not needed: 1C calls the exchange address below",
};
// [name, label, choices]: choices null means free text.
const OPTIONS = {
  onec: [["encoding", "Encoding of documents sent to 1C", ["windows-1251", "utf-8"]]],
  omnidesk: [["staff_id", "Omnidesk staff id replies are sent as", null], ["mailbox", "Mailbox its cases go to", null]],
};

function connectorCard(c, reload) {
  const id = `integration-${c.connector}`;
  const enabled = h("input", { type: "checkbox", id: `${id}-enabled`, checked: c.enabled });
  const address = h("input", { class: "input", id: `${id}-url`, type: "url", value: c.base_url, placeholder: ADDRESS[c.connector] });
  const options = (OPTIONS[c.connector] || []).map(([name, label, values]) => {
    const select = values
      ? h("select", { class: "input", id: `${id}-${name}` }, ...values.map((v) => h("option", { value: v, selected: c.options[name] === v }, v)))
      : h("input", { class: "input", id: `${id}-${name}`, value: c.options[name] || "" });
    return [name, h("label", { class: "field" }, h("span", {}, label), select), select];
  });
  const secrets = c.credential_fields.map((field) => {
    const input = h("input", { class: "input", id: `${id}-${field}`, type: "password", autocomplete: "new-password",
      placeholder: c.has_credentials ? "set (leave empty to keep)" : "" });
    return [field, h("label", { class: "field" }, h("span", {}, field.replaceAll("_", " ")), input), input];
  });
  const problem = h("p", { class: "field-error", role: "alert", id: `${id}-error` });
  const save = (event) => {
    event.preventDefault();
    mount(problem);
    const given = secrets.filter(([, , input]) => input.value);
    const body = { enabled: enabled.checked, base_url: address.value.trim(),
      options: Object.fromEntries(options.map(([name, , select]) => [name, select.value.trim()]).filter(([, v]) => v)) };
    if (given.length) body.credentials = Object.fromEntries(secrets.map(([field, , input]) => [field, input.value]));
    api(`/integrations/${c.connector}`, { method: "PUT", body })
      .then(() => { toast(`${TITLES[c.connector]} saved`); reload(); }, (error) => mount(problem, error.message));
  };
  return h("form", { class: "card stack", id, "aria-labelledby": `${id}-title`, onsubmit: save },
    h("div", { class: "spread" }, h("h2", { id: `${id}-title` }, TITLES[c.connector]),
      badge(c.enabled ? "enabled" : "off", c.enabled ? "ok" : "plain"),
      badge(c.has_credentials ? "credentials set" : "no credentials", c.has_credentials ? "ok" : "warn")),
    h("label", { class: "row" }, enabled, h("span", {}, "Enabled")),
    h("label", { class: "field" }, h("span", {}, "Address"), address),
    ...options.map(([, label]) => label), ...secrets.map(([, label]) => label),
    h("p", { class: "muted small" }, "Vendor posts to: ", h("code", {}, `<public API>${c.webhook_path}`),
      c.updated_at ? ` · last saved ${when(c.updated_at)} by ${c.updated_by}` : ""),
    problem, h("button", { class: "btn btn-primary", type: "submit", id: `${id}-save` }, "Save"));
}

export function integrationsPage(route, { app }) {
  const body = h("div", { class: "stack" }, state.loading("Loading the connectors"));
  const redraw = keepingEdits(body);
  const load = () => api("/integrations").then((items) => redraw(() => mount(body, ...items.map((c) => connectorCard(c, load)))),
    (error) => mount(body, state.error(error, load)));
  mount(app, h("main", { class: "page stack", id: "main" }, h("h1", {}, "Integrations"),
    h("p", { class: "muted" }, "The CRMs, messaging and accounting systems the helpdesk talks to (docs/integrations.md). Health: Operations."),
    body));
  load();
}

// The operations page's view: per connector its last success and error, and the integrations queue.
export function integrationsHealth() {
  const body = h("div", {}, state.loading("Loading integrations"));
  const section = h("section", { "aria-labelledby": "integrations-title", class: "stack", id: "integrations-health" },
    h("h2", { id: "integrations-title" }, "Integrations"), body);
  const reload = () => api("/integrations/health").then((health) => {
    const rows = health.connectors.filter((c) => c.enabled || c.last_success_at || c.last_error_at).map((c) => ({
      class: c.last_error_at && (!c.last_success_at || c.last_error_at > c.last_success_at) ? "dlq-alert" : null,
      cells: [TITLES[c.connector], badge(c.enabled ? "enabled" : "off", c.enabled ? "ok" : "plain"),
        c.last_success_at ? when(c.last_success_at) : "—", c.last_error_at ? when(c.last_error_at) : "—",
        c.last_error || "—", String(c.delayed)],
    }));
    mount(body, h("p", { id: "integrations-queue" }, `Queue: ${health.queue_depth} waiting · dead letters: ${health.dlq_depth}`),
      rows.length ? dataTable("Connector health", ["Connector", "State", "Last success", "Last error", "Error", "Delayed (429)"], rows)
        : state.empty("No connector is enabled"));
  }, (error) => mount(body, state.error(error, reload)));
  return { section, reload };
}
