// The customer's licenses (GET /licenses -> CabinetLicenseView): state, renewal date, days left, domains, key,
// and "Renew" on expiring and grace licenses (POST /licenses/:id/renew -> {url}: the payment page).
import { h, mount, state, badge, toast } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { day } from "/shared/format.js";
import { licenseTools } from "./license-tools.js";
import { renewalCard } from "./renewal-card.js";

async function copy(text) {
  try { await navigator.clipboard.writeText(text); toast("License key copied"); } catch { toast("Select the key and copy it"); }
}

function daysLeft(l) {
  if (l.state === "grace") return `Expired on ${day(l.renews_on)}: keeps working until ${day(l.grace_until)}`;
  if (l.days_left === 0) return "Ends today";
  return `${l.days_left} ${l.days_left === 1 ? "day" : "days"} left`;
}

function callToAction(l) {
  if (l.state === "grace") {
    const why = l.automatic ? "The renewal payment did not go through." : "This license has expired.";
    return `${why} Renew by ${day(l.grace_until)} to keep it working.`;
  }
  return l.automatic ? `Renews automatically on ${day(l.renews_on)}; you can also renew now.` : `Renew by ${day(l.renews_on)} to keep updates and support.`;
}

async function renew(l, button, message) {
  button.disabled = true;
  mount(message);
  try {
    const answer = await api(`/licenses/${encodeURIComponent(l.id)}/renew`, { method: "POST", body: {} });
    if (!answer?.url) throw new Error("no payment page was offered");
    location.assign(answer.url);
  } catch (error) {
    button.disabled = false;
    const unavailable = [404, 501].includes(error.status);
    mount(message, h("p", { class: "banner banner-warn", role: "alert" },
      unavailable ? "Online renewal is not available yet. Open a ticket and we will renew it for you." : `Could not start the renewal: ${error.message}`,
      unavailable ? h("a", { class: "btn btn-small", href: "#/tickets/new" }, "Open a ticket") : null));
  }
}

function licenseCard(l, reload) {
  const message = h("div", { "aria-live": "polite" });
  const renewButton = h("button", { class: "btn btn-primary", type: "button", "aria-label": `Renew ${l.title}` }, "Renew");
  renewButton.addEventListener("click", () => renew(l, renewButton, message));
  const fact = (label, value) => [h("dt", { class: "muted" }, label), h("dd", {}, value)];
  const [product, edition] = l.title.split(" — ");
  return h("section", { class: `card stack license-card${l.renewable ? " due" : ""}`, "aria-label": `${l.title} license` },
    h("div", { class: "spread" }, h("h2", {}, `${product} `, edition ? h("span", { class: "muted" }, `— ${edition}`) : null), badge(l.state)),
    l.renewable ? h("div", { class: `banner ${l.state === "grace" ? "banner-bad" : "banner-warn"}` },
      h("span", {}, callToAction(l)), renewButton) : null,
    message,
    h("dl", { class: "facts small" },
      fact("Shop domains", (l.domains || []).join(", ") || "—"),
      ["revoked", "suspended"].includes(l.state) ? fact("Status", l.state === "revoked" ? "Revoked: the key no longer works" : "Suspended: contact us to resume it")
        : l.renews_on ? [fact("Renewal date", day(l.renews_on)), fact("Time left", h("span", { class: "days-left" }, daysLeft(l)))]
          : fact("Valid until", "Lifetime"),
      fact("Updates until", day(l.updates_until)),
      fact("Activations", `${(l.activations || []).length} of ${l.max_activations ?? "—"}`)),
    l.key ? h("div", { class: "stack" }, h("div", { class: "license-key", "aria-label": "License key" }, l.key),
      h("button", { class: "btn btn-small", type: "button", onclick: () => copy(l.key) }, "Copy key")) : null,
    licenseTools(l, reload));
}

export function licensesPage(route, { app }) {
  const body = h("div", {}, state.loading("Loading licenses"));
  mount(app, h("main", { class: "page reading stack", id: "main" }, h("h1", {}, "Licenses"), renewalCard(route), body));
  const load = () => api("/licenses").then((page) => mount(body, page.items.length
    ? h("div", { class: "stack" }, page.items.map((l) => licenseCard(l, load)))
    : state.empty("No licenses yet", "Licenses are issued when an order is paid.")), (error) => mount(body, state.error(error, load)));
  load();
}
