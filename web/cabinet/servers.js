// The organisation's servers and the agency's access to them: register a server, install the agency's CA
// and revocation list, approve or revoke requests, export the audit log.
import { h, mount, state, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");

function registerForm(onDone) {
  const name = h("input", { class: "input", id: "server-name", placeholder: "web-1", "aria-label": "Name", required: true });
  const host = h("input", { class: "input", id: "server-host", placeholder: "web1.example.com", "aria-label": "Host", required: true });
  const port = h("input", { class: "input", id: "server-port", type: "number", value: 22, min: 1, max: 65535, "aria-label": "Port" });
  const principals = h("input", { class: "input", id: "server-principals", value: "deploy", "aria-label": "Users the agency may log in as (comma-separated)" });
  const form = h("form", { class: "stack card", id: "server-form" }, h("h3", {}, "Register a server"),
    h("label", {}, "Name ", name), h("label", {}, "Host ", host), h("label", {}, "Port ", port),
    h("label", {}, "Log in as (comma-separated Unix users) ", principals),
    h("button", { class: "btn btn-primary", type: "submit" }, "Register"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("/servers", { method: "POST", body: { name: name.value, host: host.value, port: Number(port.value),
        principals: principals.value.split(",").map((p) => p.trim()).filter(Boolean) } });
      toast("Server registered");
      onDone();
    } catch (error) { toast(`Not registered: ${error.message}`); }
  });
  return form;
}

function requestItem(r, reload) {
  const act = (verb) => async () => {
    try { await api(`/access-requests/${encodeURIComponent(r.id)}/${verb}`, { method: "POST" }); toast(`Access ${verb === "approve" ? "approved" : "revoked"}`); reload(); }
    catch (error) { toast(`Could not ${verb}: ${error.message}`); }
  };
  const live = ["pending", "approved", "issued"].includes(r.status);
  return h("li", { class: "access-request", dataset: { id: r.id, status: r.status } },
    h("div", { class: "spread" }, h("strong", {}, `${r.requester} as ${r.principal} for ${r.hours} h`), badge(r.status)),
    h("div", { class: "small muted" }, `Ticket ${r.ticket_number}: ${r.reason}`),
    r.valid_before ? h("div", { class: "small" }, `Valid until ${when(r.valid_before)}`) : null,
    h("div", { class: "row" },
      r.status === "pending" ? h("button", { class: "btn btn-primary btn-small", type: "button", onclick: act("approve") }, "Approve") : null,
      live ? h("button", { class: "btn btn-small btn-danger", type: "button", onclick: act("revoke") }, "Revoke") : null));
}

function serverItem(s, reload) {
  const confirm = async () => {
    try { await api(`/servers/${encodeURIComponent(s.id)}/confirm`, { method: "POST" }); toast("Server confirmed"); reload(); }
    catch (error) { toast(`Not confirmed: ${error.message}`); }
  };
  return h("li", { dataset: { id: s.id, confirmed: String(s.confirmed) } },
    h("strong", {}, s.name), ` ${s.host}:${s.port} · log in as ${s.principals.join(", ")} `,
    s.confirmed ? null : h("span", {}, badge("registered by our team: confirm it", "pending"), " ",
      h("button", { class: "btn btn-primary btn-small", type: "button", onclick: confirm }, "Confirm")));
}

async function exportAudit() {
  try {
    const answer = await api("/access-audit"); // CSV, not JSON: api() hands non-JSON text back as `message`
    const text = answer?.message || "";
    const a = h("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: "access-audit.csv" });
    document.body.append(a); a.click(); a.remove();
  } catch (error) { toast(`Export failed: ${error.message}`); }
}

export function serversPage(route, { app }) {
  const root = h("main", { class: "page stack", id: "main" }, state.loading("Loading your servers"));
  mount(app, root);
  async function load() {
    try {
      const [servers, requests] = await Promise.all([api("/servers"), api("/access-requests")]);
      const revoked = requests.items.filter((r) => r.status === "revoked");
      mount(root,
        h("h1", {}, "Servers and access"),
        h("section", { class: "stack", "aria-labelledby": "requests-title" }, h("h2", { id: "requests-title" }, "Access requests"),
          requests.items.length ? h("ul", { class: "list", id: "access-requests" }, requests.items.map((r) => requestItem(r, load)))
            : state.empty("No access requests", "When our developers need to log in to a server, you approve it here.")),
        h("section", { class: "stack", "aria-labelledby": "servers-title" }, h("h2", { id: "servers-title" }, "Your servers"),
          servers.items.length ? h("ul", { class: "list", id: "server-list" }, servers.items.map((s) => serverItem(s, load)))
            : state.empty("No servers yet", "Register a server so our team can ask for time-limited access to it."),
          registerForm(load)),
        h("section", { class: "stack card", "aria-labelledby": "install-title" }, h("h2", { id: "install-title" }, "Trust our certificates"),
          h("p", { class: "small" }, "On each server, as root, this installs our certificate authority and the revocation list (refresh the list from cron, e.g. every minute):"),
          h("pre", { class: "mono small installer", id: "installer" }, servers.installer),
          h("p", { class: "small" }, "CA public key: ", h("code", { class: "ca-key", id: "ca-key" }, servers.ca_public_key)),
          h("p", { class: "small" }, "Revocation list: ", h("code", { class: "ca-key" }, servers.krl_url))),
        h("section", { class: "stack", "aria-labelledby": "revoked-title" }, h("h2", { id: "revoked-title" }, "Revoked certificates"),
          revoked.length ? h("ul", { class: "list small", id: "revoked-list" }, revoked.map((r) => h("li", {}, `serial ${r.serial} · ${r.requester} · revoked ${when(r.revoked_at)} by ${r.revoked_by}`)))
            : h("p", { class: "small muted" }, "None."),
          h("button", { class: "btn btn-small", type: "button", id: "export-audit", onclick: exportAudit }, "Export the audit log (CSV)")));
    } catch (error) { mount(root, state.error(error, load)); }
  }
  load();
}
