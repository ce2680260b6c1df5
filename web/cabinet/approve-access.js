// The signed link from the access-request mail: shows what is asked and approves it without a sign-in (the
// link's signature and expiry are the authority; the request's own organisation is the only one it reaches).
import { h, mount } from "/shared/dom.js";

const main = document.getElementById("main");
const token = new URLSearchParams(location.search).get("token") || "";
const path = `/api/access/approvals/${encodeURIComponent(token)}`;

async function call(method) {
  const response = await fetch(path, { method });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail || `${response.status}`);
  return data;
}

function show(view) {
  const r = view.request;
  const approve = h("button", { class: "btn btn-primary", type: "button", id: "approve" }, "Approve access");
  approve.addEventListener("click", async () => {
    approve.disabled = true;
    try {
      const done = await call("POST");
      mount(main, h("h1", {}, "Access approved"), h("p", { id: "result" }, `Status: ${done.status}. You can revoke it any time in your account's Servers page.`));
    } catch (error) { mount(main, h("h1", {}, "Not approved"), h("p", {}, error.message)); }
  });
  mount(main, h("h1", {}, "Approve server access"),
    h("p", {}, `${r.requester} asks to log in to ${view.server_name} (${view.server_host}) as ${r.principal} for ${r.hours} h.`),
    h("p", {}, `Ticket ${r.ticket_number}: ${r.reason}`), h("p", {}, `Status: ${r.status}`),
    r.status === "pending" ? approve : null);
}

call("GET").then(show, () => mount(main, h("h1", {}, "This link is not valid"), h("p", {}, "It may have expired or been used already.")));
