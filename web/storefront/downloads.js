// The receipt's download link: #/downloads/<license key>. The key stays in the fragment, which browsers
// never send to a server, and goes to the API only in a POST body.
import { h, mount, state } from "/shared/dom.js";
import { api } from "/shared/session.js";

const day = (iso) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

function row(d) {
  return h("li", { class: "card stack" },
    h("div", { class: "row" }, h("strong", {}, `Version ${d.version}`), h("span", { class: "muted" }, day(d.released_at)),
      d.min_platform_version ? h("span", { class: "chip" }, `Platform ${d.min_platform_version}+`) : null),
    d.changelog ? h("p", { class: "muted", style: "white-space:pre-line;margin:0" }, d.changelog) : null,
    h("a", { class: "btn", href: d.url, download: d.file_name }, `Download ${d.file_name}`));
}

export function downloadsPage(route, { app }) {
  const list = h("div", {}, state.loading("Finding your downloads"));
  mount(app, h("main", { class: "page", id: "main" }, h("h1", {}, "Your downloads"), list));
  api("/downloads", { method: "POST", body: { license_key: route.key } }).then((items) => mount(list, items.length
    ? h("ul", { class: "stack", style: "list-style:none;padding:0", "aria-label": "Releases" }, items.map(row))
    : state.empty("Nothing to download yet", "Your license's updates period covers no release so far.")),
  (error) => mount(list, state.error(error)));
}
