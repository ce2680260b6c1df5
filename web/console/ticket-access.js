// The ticket page's "Server access" card: request a short-lived SSH certificate for a server of the ticket's
// client, see each request's state, download the certificate, approve (managers) and revoke.
import { h, mount, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";

const until = (iso) => (iso ? new Date(iso).toLocaleString() : "");

function saveCertificate(request) {
  const file = new Blob([request.certificate + "\n"], { type: "text/plain" });
  const a = h("a", { href: URL.createObjectURL(file), download: `id-${request.id}-cert.pub` });
  document.body.append(a);
  a.click();
  a.remove();
}

function requestForm(ticketId, servers, onDone) {
  const server = h("select", { class: "input input-small", id: "access-server", "aria-label": "Server" },
    servers.map((s) => h("option", { value: s.id }, `${s.name} (${s.host})`)));
  const principal = h("select", { class: "input input-small", id: "access-principal", "aria-label": "Log in as" });
  const fillPrincipals = () => {
    const chosen = servers.find((s) => s.id === server.value);
    mount(principal, ...(chosen ? chosen.principals : []).map((p) => h("option", { value: p }, p)));
  };
  server.addEventListener("change", fillPrincipals);
  fillPrincipals();
  const hours = h("input", { class: "input input-small", id: "access-hours", type: "number", min: 1, max: 72, value: 2, "aria-label": "Hours" });
  const key = h("textarea", { class: "input", id: "access-key", rows: 2, placeholder: "ssh-ed25519 AAAA… (your public key)", "aria-label": "Your public key", required: true });
  const reason = h("input", { class: "input", id: "access-reason", placeholder: "Why (shown to the client)", "aria-label": "Reason", required: true });
  const form = h("form", { class: "stack", id: "access-form" }, server, principal, hours, key, reason,
    h("button", { class: "btn btn-small btn-primary", type: "submit" }, "Request access"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api(`/tickets/${encodeURIComponent(ticketId)}/access-requests`, { method: "POST", body: {
        server_id: server.value, principal: principal.value, hours: Number(hours.value), public_key: key.value, reason: reason.value } });
      toast("Access requested: the client has been asked");
      onDone();
    } catch (error) { toast(`Not requested: ${error.message}`); }
  });
  return form;
}

function requestRow(request, { onChanged, onSecret }) {
  const act = (verb) => async () => {
    try {
      const answer = await api(`/access-requests/${encodeURIComponent(request.id)}/${verb}`, { method: "POST" });
      if (answer.panel_password) onSecret(answer);
      onChanged();
    } catch (error) { toast(`Could not ${verb}: ${error.message}`); }
  };
  const live = ["pending", "approved", "issued"].includes(request.status);
  return h("li", { class: "access-request", dataset: { id: request.id, status: request.status } },
    h("div", { class: "spread" }, h("strong", {}, request.principal, " · ", `${request.hours} h`), badge(request.status)),
    h("div", { class: "faint small" }, request.requester, " · ", request.reason),
    request.valid_before ? h("div", { class: "small" }, `valid until ${until(request.valid_before)}`) : null,
    request.revoked_by ? h("div", { class: "small" }, `revoked by ${request.revoked_by}`) : null,
    h("div", { class: "row" },
      request.status === "pending" ? h("button", { class: "btn btn-small", type: "button", onclick: act("approve") }, "Approve") : null,
      request.certificate && request.status === "issued" ? h("button", { class: "btn btn-small", type: "button", onclick: () => saveCertificate(request) }, "Download certificate") : null,
      live ? h("button", { class: "btn btn-small btn-danger", type: "button", onclick: act("revoke") }, "Revoke") : null));
}

export function accessCard(ticket, me, { onTicketChanged = () => {} } = {}) {
  const body = h("div", { class: "stack" }, h("p", { class: "faint small" }, "…"));
  const secret = h("div", { "aria-live": "polite" });
  const showSecret = (answer) => mount(secret, h("div", { class: "banner banner-warn", role: "status", id: "panel-secret" },
    `Panel login ${answer.panel_login}, password `, h("code", {}, answer.panel_password), " — shown once, copy it now."));

  const changed = () => { load(); onTicketChanged(); }; // the timeline notes appear in the conversation
  async function load() {
    try {
      const { servers, requests } = await api(`/tickets/${encodeURIComponent(ticket.id)}/access`);
      // Fetching one signs an approved certificate; the requester's own fetch also makes the panel account
      // (when the server has one) and carries its password this once.
      const due = (r) => r.status === "approved" || (r.status === "issued" && r.requester === me.email && !r.panel_login);
      const fresh = await Promise.all(requests.map((r) => (due(r) ? api(`/access-requests/${encodeURIComponent(r.id)}`) : r)));
      fresh.filter((r) => r.panel_password).forEach(showSecret);
      if (requests.some(due)) onTicketChanged(); // signing or a panel account added notes to the conversation
      mount(body,
        fresh.length ? h("ul", { class: "list", id: "access-requests" }, fresh.map((r) => requestRow(r, { onChanged: changed, onSecret: showSecret })))
          : h("p", { class: "faint small" }, "No access requested from this ticket."),
        servers.length ? requestForm(ticket.id, servers, changed)
          : h("p", { class: "faint small" }, "The client has registered no servers."));
    } catch (error) { mount(body, h("p", { class: "small" }, `Access not loaded: ${error.message}`)); }
  }
  load();
  const reload = h("button", { class: "btn btn-small btn-ghost", type: "button", id: "access-reload", onclick: load }, "Refresh");
  return h("section", { class: "card stack", "aria-labelledby": "access-title", id: "ticket-access" },
    h("div", { class: "spread" }, h("h2", { id: "access-title" }, "Server access"), reload), secret, body);
}
