// Staff console: signs in, then routes #/ (inbox), #/tickets/:id, #/licenses(/:id), #/ops, #/search, #/reports,
// #/reports/csat, #/billing(/receivables|/orders/:id), #/admin(/webhooks|/integrations), #/sla, #/customers/:id, #/organisations/:id(/stats), #/projects(/:key(/stats)) and #/tasks/:id to their pages.
import { h, mount, state, initials, typingInField } from "/shared/dom.js";
import { api, signIn, signOut, startSession } from "/shared/session.js";
import { startRouter } from "/shared/router.js";
import { inboxPage } from "./inbox.js";
import { ticketPage } from "./ticket.js";
import { opsPage } from "./ops.js";
import { heldPage } from "./held.js";
import { chatsPage } from "./chat.js";
import { searchPage } from "./search.js";
import { reportsPage } from "./reports.js";
import { csatReportPage } from "./csat-report.js";
import { licensesPage } from "./licenses.js";
import { licensePage } from "./license.js";
import { adminPage } from "./admin.js";
import { webhooksPage } from "./webhooks.js";
import { integrationsPage } from "./integrations.js";
import { slaBoardPage } from "./sla.js";
import { customerPage, organisationPage } from "./customer.js";
import { projectsPage, boardPage, taskPage } from "./tasks.js";
import { statsPage } from "./project-stats.js";
import { clientStatsPage } from "./client-stats.js";
import { billingPage } from "./billing.js";
import { receivablesPage } from "./billing-receivables.js";
import { serviceOrderPage } from "./billing-order.js";
import { cataloguePage, catalogueProductPage } from "./catalogue.js";

const app = document.getElementById("app");
const searchBox = document.getElementById("search");
let leave = null; // the current page's clean-up (timers, key handlers)

function showUser(me) {
  const name = me.name || me.email;
  mount(document.getElementById("user"),
    h("span", { class: "avatar", "aria-hidden": "true" }, initials(name)),
    h("span", { class: "who small", title: name }, name),
    h("button", { class: "btn btn-ghost btn-small", type: "button", onclick: () => signOut() }, "Sign out"));
}

function signedOut() {
  mount(app, h("main", { class: "page", id: "main" }, state.empty("Sign in to the console",
    "The console is for the support team. Use your staff account.",
    h("button", { class: "btn btn-primary", type: "button", onclick: () => signIn() }, "Sign in"))));
}

function noAccess(user) {
  mount(app, h("main", { class: "page", id: "main" }, state.empty("No access to the console",
    `${user.email} is not a staff account. Customers find their tickets in their account.`,
    h("button", { class: "btn", type: "button", onclick: () => signOut() }, "Sign out"))));
}

const SECTIONS = ["inbox", "search", "projects", "licenses", "catalogue", "ops", "reports", "billing", "admin"];
const LANDING = { inbox: "/", search: "/search", projects: "/projects", licenses: "/licenses", catalogue: "/catalogue", ops: "/ops", reports: "/reports", billing: "/billing", admin: "/admin" };

function sectionOf(path) {
  if (path.startsWith("/tasks")) return "projects";
  return ["ops", "search", "licenses", "catalogue", "reports", "projects", "billing", "admin"].find((s) => path.startsWith(`/${s}`)) || "inbox";
}

function highlightSection(path) {
  const section = sectionOf(path);
  const links = [...document.querySelectorAll(".topnav a")];
  // A page with its own link in a section (Chats in the inbox's) is marked alone.
  const current = links.find((a) => a.dataset.page && path.startsWith(`/${a.dataset.page}`))
    || links.find((a) => a.dataset.section === section && !a.dataset.page);
  links.forEach((a) => (a === current ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current")));
}

// The staff API names the sections the caller's role may use (an older one names none: then all are shown).
function showSections(allowed) {
  document.querySelectorAll(".topnav a").forEach((a) => { a.hidden = !allowed.includes(a.dataset.section); });
  document.getElementById("search-form").hidden = !allowed.includes("search");
}

function notForRole(allowed) {
  const first = allowed[0];
  mount(app, h("main", { class: "page", id: "main" }, state.empty("Not available for your role",
    first ? "This part of the console belongs to other roles." : "Your account has no console sections yet: ask an administrator.",
    first ? h("a", { href: "#" + LANDING[first] }, "Go to your start page") : null)));
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = searchBox.value.trim();
  if (q) location.hash = "#/search?" + new URLSearchParams({ q });
});

document.addEventListener("keydown", (event) => {
  if (event.key === "/" && !typingInField(event) && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    searchBox.focus();
    searchBox.select();
  } else if (event.key === "Escape" && event.target === searchBox) {
    searchBox.blur();
  }
});

async function main() {
  const user = await startSession();
  if (!user) return signedOut();
  const me = await api("/me").catch((error) => {
    if (error.status === 403) return null;
    return { id: user.sub, email: user.email, name: user.name || user.email };
  });
  if (!me) return noAccess(user);
  me.id = me.id || me.email; // staff are known by e-mail: it is what assignee and author hold
  me.name = me.name || user.name || me.email;
  showUser(me);
  const allowed = Array.isArray(me.sections) ? me.sections : SECTIONS;
  showSections(allowed);
  const context = { me, app };
  startRouter([
    ["/", inboxPage], ["/inbox", inboxPage], ["/tickets/:id", ticketPage], ["/ops", opsPage], ["/ops/held", heldPage], ["/chats", chatsPage], ["/search", searchPage],
    ["/licenses", licensesPage], ["/licenses/:id", licensePage], ["/catalogue", cataloguePage], ["/catalogue/:id", catalogueProductPage], ["/reports", reportsPage], ["/reports/csat", csatReportPage], ["/admin", adminPage], ["/admin/webhooks", webhooksPage], ["/admin/integrations", integrationsPage],
    ["/sla", slaBoardPage], ["/customers/:id", customerPage], ["/organisations/:id", organisationPage],
    ["/organisations/:id/stats", clientStatsPage],
    ["/billing", billingPage], ["/billing/receivables", receivablesPage], ["/billing/orders/:id", serviceOrderPage],
    ["/projects", projectsPage], ["/projects/:key", boardPage], ["/projects/:key/stats", statsPage], ["/tasks/:id", taskPage],
  ], (page, route) => {
    if (leave) leave();
    leave = null;
    const section = sectionOf(route.path);
    if (page && !allowed.includes(section)) {
      // Each role lands on its first section; a deep link into another role's section says so.
      if (route.path === "/" && allowed.length) return location.replace("#" + LANDING[allowed[0]]);
      return notForRole(allowed);
    }
    highlightSection(route.path);
    if (route.path.startsWith("/search")) searchBox.value = route.query.q || "";
    if (!page) return mount(app, h("main", { class: "page", id: "main" }, state.empty("Page not found", "", h("a", { href: "#/" }, "Back to the inbox"))));
    leave = page(route, context) || null;
  });
}

main().catch((error) => mount(app, h("main", { class: "page" }, state.error(error, () => location.reload()))));
