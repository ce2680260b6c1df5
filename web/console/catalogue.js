// Catalogue (managers): #/catalogue lists every product with publish/unpublish and a form for a new one;
// #/catalogue/:slug shows its releases (register a version, then PUT the zip to the presigned URL) and price audit.
import { h, mount, state, badge, toast, dataTable } from "/shared/dom.js";
import { api } from "/shared/session.js";
import { link } from "/shared/router.js";
import { day, money, when } from "/shared/format.js";

const PLANS = [["lifetime", "One-off"], ["monthly", "Monthly"], ["yearly", "Yearly"]];
const field = (label, input) => h("label", { class: "field" }, h("span", {}, label), input);
const input = (id, attrs = {}) => h("input", { id, name: id, class: "input", autocomplete: "off", ...attrs });
const area = (id) => h("textarea", { id, name: id, class: "input", rows: 3 });
const cents = (text) => Math.round(parseFloat(String(text).replace(",", ".")) * 100);

function productRows(items, reload) {
  return dataTable("Products", ["Product", "Editions", "Platforms", "State", ""], items.map((p) => ({ cells: [
    h("a", { href: link(`/catalogue/${encodeURIComponent(p.slug)}`) }, p.name),
    p.editions.map((e) => e.name).join(", "),
    [...(p.platforms || []), ...(p.platform_versions || [])].join(", "),
    badge(p.published ? "published" : "unpublished", p.published ? "active" : "plain"),
    h("button", { class: "btn btn-small", type: "button", id: `toggle-${p.slug}`, onclick: () =>
      api(`/products/${encodeURIComponent(p.slug)}/${p.published ? "unpublish" : "publish"}`, { method: "POST" })
        .then(() => { toast(`${p.name} ${p.published ? "unpublished" : "published"}`); reload(); }, (e) => toast(e.message)) },
    p.published ? "Unpublish" : "Publish"),
  ] })));
}

function newProductForm(reload) {
  const f = Object.fromEntries(["slug", "name", "summary", "name_ru", "summary_ru", "versions", "edition", "activations", "months", "currency"]
    .map((id) => [id, input(`product-${id}`)]));
  f.slug.required = f.name.required = true;
  f.edition.value = "standard"; f.activations.value = "1"; f.months.value = "12"; f.currency.value = "EUR";
  f.activations.type = f.months.type = "number";
  const description = area("product-description");
  const descriptionRu = area("product-description_ru");
  const prices = PLANS.map(([plan, label]) => [plan, input(`price-${plan}`, { inputmode: "decimal", placeholder: label })]);
  const platforms = ["CS-Cart", "Multi-Vendor"].map((p) => h("label", { class: "check" }, h("input", { type: "checkbox", value: p, checked: true }), " ", p));
  const problem = h("p", { class: "field-error", role: "alert", id: "product-error" });
  const submit = (event) => {
    event.preventDefault();
    mount(problem);
    const ru = f.name_ru.value.trim() ? { ru: { name: f.name_ru.value.trim(), summary: f.summary_ru.value, description: descriptionRu.value } } : {};
    const body = {
      slug: f.slug.value.trim(), name: f.name.value.trim(), summary: f.summary.value, description: description.value,
      platforms: platforms.map((l) => l.firstChild).filter((c) => c.checked).map((c) => c.value),
      platform_versions: f.versions.value.split(",").map((v) => v.trim()).filter(Boolean), translations: ru,
      editions: [{ id: f.edition.value.trim(), name: f.edition.value.trim().replace(/^./, (c) => c.toUpperCase()),
        max_activations: Number(f.activations.value), update_months: Number(f.months.value),
        prices: prices.filter(([, i]) => i.value.trim()).map(([plan, i]) => ({ plan, currency: f.currency.value.trim().toUpperCase(), amount: cents(i.value) })) }],
    };
    api("/products", { method: "POST", body }).then((made) => { toast(`${body.name} added`); location.hash = `#/catalogue/${made.slug}`; reload(); },
      (error) => mount(problem, error.message));
  };
  return h("form", { class: "card stack", id: "product-form", "aria-labelledby": "product-form-title", onsubmit: submit },
    h("h2", { id: "product-form-title" }, "New product"),
    h("div", { class: "admin-fields" }, field("Slug (in URLs)", f.slug), field("Name", f.name), field("Name in Russian", f.name_ru)),
    field("Summary", f.summary), field("Summary in Russian", f.summary_ru), field("Description", description), field("Description in Russian", descriptionRu),
    h("fieldset", { class: "row" }, h("legend", {}, "Platforms"), platforms), field("Compatible versions (comma-separated)", f.versions),
    h("div", { class: "admin-fields" }, field("Edition", f.edition), field("Activations", f.activations), field("Months of updates", f.months), field("Currency", f.currency)),
    h("fieldset", { class: "admin-fields" }, h("legend", {}, "Prices (leave empty: not sold so)"), prices.map(([plan, i]) => field(PLANS.find((p) => p[0] === plan)[1], i))),
    problem, h("button", { class: "btn btn-primary", type: "submit" }, "Add product"));
}

export function cataloguePage(route, { app }) {
  const list = h("div", {}, state.loading("Loading the catalogue"));
  const load = () => api("/products").then((page) => mount(list, page.items.length ? productRows(page.items, load)
    : state.empty("No products yet", "Add the first one below.")), (error) => mount(list, state.error(error, load)));
  mount(app, h("main", { class: "page stack", id: "main" }, h("h1", {}, "Catalogue"), list, newProductForm(load)));
  load();
}

function releaseForm(slug, reload) {
  const version = input("release-version", { required: true, placeholder: "1.0" });
  const minimum = input("release-minimum", { placeholder: "4.17" });
  const changelog = area("release-changelog");
  const file = h("input", { id: "release-file", name: "release-file", type: "file", accept: ".zip,application/zip", required: true });
  const problem = h("p", { class: "field-error", role: "alert", id: "release-error" });
  const submit = async (event) => {
    event.preventDefault();
    mount(problem);
    try {
      const body = { version: version.value.trim(), changelog: changelog.value, min_platform_version: minimum.value.trim() };
      const made = await api(`/products/${encodeURIComponent(slug)}/releases`, { method: "POST", body });
      const put = await fetch(made.upload_url, { method: "PUT", body: file.files[0] });
      if (!put.ok) throw new Error(`The upload failed (${put.status})`);
      toast(`Release ${made.version} uploaded`);
      reload();
    } catch (error) { mount(problem, error.message); }
  };
  return h("form", { class: "card stack", id: "release-form", "aria-labelledby": "release-form-title", onsubmit: submit },
    h("h2", { id: "release-form-title" }, "Upload a release"),
    h("div", { class: "admin-fields" }, field("Version", version), field("Minimum platform version", minimum)),
    field("Changelog", changelog), field("Zip file", file), problem, h("button", { class: "btn btn-primary", type: "submit" }, "Upload release"));
}

// Prices of every edition, edited in place; saving PUTs the whole product (the audit records what changed).
function priceForm(p, reload) {
  const rows = p.editions.flatMap((e) => PLANS.map(([plan, label]) => {
    const now = e.prices.find((x) => x.plan === plan);
    const input = h("input", { class: "input", id: `edit-${e.id}-${plan}`, inputmode: "decimal", value: now ? (now.amount / 100).toFixed(2) : "", placeholder: "not sold" });
    return { e, plan, currency: now?.currency || e.prices[0]?.currency || "EUR", input, label: `${e.name}, ${label}` };
  }));
  const problem = h("p", { class: "field-error", role: "alert", id: "prices-error" });
  const submit = (event) => {
    event.preventDefault();
    mount(problem);
    const editions = p.editions.map((e) => ({ ...e, prices: [
      ...e.prices.filter((x) => !PLANS.some(([plan]) => plan === x.plan && x.currency === (rows.find((r) => r.e === e && r.plan === plan)?.currency))),
      ...rows.filter((r) => r.e === e && r.input.value.trim()).map((r) => ({ plan: r.plan, currency: r.currency, amount: cents(r.input.value) })),
    ] }));
    const { published, manager, ...body } = p;
    api(`/products/${encodeURIComponent(p.slug)}`, { method: "PUT", body: { ...body, manager, editions } })
      .then(() => { toast("Prices saved"); reload(); }, (error) => mount(problem, error.message));
  };
  return h("form", { class: "card stack", id: "prices-form", "aria-labelledby": "prices-title", onsubmit: submit },
    h("h2", { id: "prices-title" }, "Prices"), h("div", { class: "admin-fields" }, rows.map((r) => field(r.label, r.input))),
    problem, h("button", { class: "btn btn-primary", type: "submit" }, "Save prices"));
}

export function catalogueProductPage(route, { app }) {
  const slug = route.id;
  const head = h("div", {}, state.loading("Loading the product"));
  const releases = h("div", { id: "releases" });
  const prices = h("div", { id: "price-history" });
  const editor = h("div");
  const load = () => Promise.all([api(`/products/${encodeURIComponent(slug)}`), api(`/products/${encodeURIComponent(slug)}/releases`),
    api(`/products/${encodeURIComponent(slug)}/prices`)]).then(([p, r, audit]) => {
    mount(head, h("h1", {}, p.name, " ", badge(p.published ? "published" : "unpublished", p.published ? "active" : "plain")),
      h("p", { class: "muted" }, p.summary), p.editions.map((e) => h("p", {}, h("strong", {}, e.name), ` · ${e.max_activations} activation(s) · `,
        e.prices.map((x) => `${money(x.amount, x.currency)} ${x.plan}`).join(", "))));
    mount(editor, priceForm(p, load));
    mount(releases, r.items.length ? dataTable("Releases", ["Version", "Released", "Minimum platform", "File"], r.items.map((x) => ({
      cells: [x.version, when(x.created_at), x.min_platform_version || "any", x.ready ? badge("uploaded", "active") : badge("waiting for the zip", "plain")] })))
      : state.empty("No releases yet", "Upload the first one below."));
    mount(prices, dataTable("Price changes", ["When", "Edition", "Plan", "Old", "New", "By"], audit.items.map((c) => ({ cells: [
      day(c.changed_at), c.edition, c.plan, c.old === null ? "—" : money(c.old, c.currency), c.new === null ? "removed" : money(c.new, c.currency), c.changed_by] }))));
  }, (error) => mount(head, error.status === 404 ? state.empty("No such product", "", h("a", { href: "#/catalogue" }, "Back to the catalogue")) : state.error(error, load)));
  mount(app, h("main", { class: "page stack", id: "main" }, h("a", { href: "#/catalogue" }, "← Catalogue"), head,
    h("h2", {}, "Releases"), releases, releaseForm(slug, load), editor, h("h2", {}, "Price changes"), prices));
  load();
}
