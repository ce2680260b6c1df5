// A product page: gallery, description, compatibility, editions with plan and price, shop domain, add to cart.
import { h, mount, state, toast } from "/shared/dom.js";
import { link } from "/shared/router.js";
import { cart } from "./cart.js";
import { products } from "./catalogue.js";
import { screenshot, VARIANTS } from "./shots.js";
import { PLANS, plansOf, priceOf, label, VAT_NOTE } from "./pricing.js";

function gallery(product) {
  const shots = product.screenshots?.length ? product.screenshots : VARIANTS.map((layout) => ({ layout, title: layout }));
  const main = h("div", { class: "main-shot" });
  const show = (i) => {
    mount(main, screenshot(product, shots[i].layout, `${product.name}: ${shots[i].title}`));
    thumbs.querySelectorAll("button").forEach((b, j) => b.setAttribute("aria-pressed", String(i === j)));
  };
  const thumbs = h("div", { class: "thumbs", role: "group", "aria-label": "Screenshots" }, shots.map((s, i) =>
    h("button", { type: "button", "aria-label": `Show screenshot: ${s.title}`, onclick: () => show(i) }, screenshot(product, s.layout, s.title))));
  show(0);
  return h("div", { class: "gallery" }, main, thumbs);
}

export function productPage(route, { app }) {
  const root = h("main", { class: "page", id: "main" }, state.loading("Loading the module"));
  mount(app, root);
  const render = () => products().then((items) => {
    const product = items.find((p) => p.slug === route.slug);
    if (!product) return mount(root, state.empty("Module not found", "It may have been renamed.", h("a", { href: link("/") }, "All modules")));
    document.title = `${product.name} · Module Store`;
    const plans = plansOf(product);
    let plan = plans[0];
    let edition = product.editions[0];
    const price = h("div", { class: "big-price", "aria-live": "polite" });
    const planNote = h("p", { class: "muted small" });
    const domain = h("input", { class: "input", id: "domain", name: "domain", placeholder: "myshop.example", autocomplete: "off", inputmode: "url" });
    const amounts = new Map();
    const refresh = () => {
      const p = priceOf(edition, plan, cart.currency());
      price.textContent = label(p, plan);
      planNote.textContent = PLANS[plan].detail;
      for (const [e, node] of amounts) node.textContent = label(priceOf(e, plan, cart.currency()), plan);
      add.disabled = !p;
    };
    const planButtons = h("div", { class: "segmented", role: "group", "aria-label": "Plan" }, plans.map((name) =>
      h("button", { type: "button", "aria-pressed": String(name === plan), onclick: (event) => {
        plan = name;
        planButtons.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b === event.currentTarget)));
        refresh();
      } }, PLANS[name].label)));
    const editions = h("fieldset", { class: "editions", style: "border:0;padding:0;margin:0" }, h("legend", { class: "label", style: "margin-bottom:8px" }, "Edition"),
      product.editions.map((e, i) => {
        const amount = h("span", { class: "amount" });
        amounts.set(e, amount);
        return h("label", { class: "edition" },
          h("input", { type: "radio", name: "edition", value: e.id, checked: i === 0, onchange: () => { edition = e; refresh(); } }),
          h("span", {}, h("strong", {}, e.name), h("ul", {}, (e.features || []).map((f) => h("li", {}, f)))), amount);
      }));
    const add = h("button", { class: "btn btn-primary", type: "submit" }, "Add to cart");
    const form = h("form", { class: "card stack", "aria-label": "Buy" }, editions,
      h("div", { class: "field" }, h("span", { class: "label" }, "Plan"), planButtons, planNote),
      h("label", { class: "field", for: "domain" }, h("span", {}, "Shop domain the license is for"), domain),
      h("div", { class: "spread" }, price, add), h("p", { class: "small muted", id: "vat-note" }, VAT_NOTE));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      cart.add({ product: product.slug, edition: edition.id, plan, domain: domain.value.trim().toLowerCase() });
      toast(`${product.name} ${edition.name} is in your cart`);
    });
    mount(root, h("a", { href: link("/"), class: "small" }, "← All modules"),
      h("div", { class: "product-layout", style: "margin-top:16px" },
        h("div", { class: "stack" }, gallery(product),
          h("section", { class: "stack", "aria-labelledby": "about" }, h("h2", { id: "about" }, "About this module"),
            ...(product.description || "").split(/\n{2,}/).map((para) => h("p", {}, para)))),
        h("div", { class: "stack" }, h("h1", {}, product.name), h("p", { class: "muted" }, product.summary),
          h("div", { class: "row" }, h("span", { class: "label" }, "Works with platform"), (product.platform_versions || []).map((v) => h("span", { class: "chip" }, v))),
          form)));
    refresh();
  }, (error) => mount(root, state.error(error, render)));
  render();
  return render;
}
