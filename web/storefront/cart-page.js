// The cart: lines priced in the chosen currency, a shop domain per license, checkout by a full-page redirect.
import { h, mount, state } from "/shared/dom.js";
import { api, signIn } from "/shared/session.js";
import { link } from "/shared/router.js";
import { money } from "/shared/format.js";
import { cart, MAX_QUANTITY } from "./cart.js";
import { products } from "./catalogue.js";
import { screenshot } from "./shots.js";
import { PLANS, priceOf, label, VAT_NOTE } from "./pricing.js";
import { buyerBody, buyerFields, forgetBuyer, receiptAddress } from "./buyer.js";

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const domainId = (index, n) => (n ? `domain-${index}-${n}` : `domain-${index}`);

function domainField(entry, index, n) {
  const id = domainId(index, n);
  const input = h("input", { class: "input", id, value: entry.domains[n], placeholder: "myshop.example", autocomplete: "off",
    onchange: () => cart.update(index, { domains: entry.domains.map((d, i) => (i === n ? input.value.trim().toLowerCase() : d)) }) });
  const name = entry.quantity > 1 ? `Shop domain of license ${n + 1}` : "Shop domain";
  return h("label", { class: "field", for: id }, h("span", {}, name), input);
}

function quantityField(entry, index) {
  const id = `quantity-${index}`;
  const input = h("input", { class: "input quantity", id, type: "number", min: 1, max: MAX_QUANTITY, step: 1, value: entry.quantity, inputmode: "numeric",
    onchange: () => cart.setQuantity(index, input.value) });
  return h("label", { class: "field", for: id }, h("span", {}, "Licenses"), input);
}

function line(entry, index, product, currency) {
  const edition = product?.editions.find((e) => e.id === entry.edition);
  const price = priceOf(edition, entry.plan, currency);
  const each = entry.quantity > 1 && price ? h("div", { class: "small muted" }, `${entry.quantity} × ${label(price, entry.plan)}`) : null;
  return h("li", { class: "cart-line" },
    product ? screenshot(product, "dashboard", "") : h("div", {}),
    h("div", { class: "stack" },
      h("div", {}, h("strong", {}, product ? product.name : entry.product), " ", h("span", { class: "muted" }, edition ? edition.name : entry.edition)),
      h("div", { class: "small muted" }, PLANS[entry.plan]?.detail || entry.plan),
      quantityField(entry, index),
      entry.domains.map((_, n) => domainField(entry, index, n))),
    h("div", { class: "line-side stack", style: "text-align:right" },
      h("div", { style: "font-weight:700", class: "line-price" }, product && edition ? (entry.quantity > 1 && price ? label({ ...price, amount: price.amount * entry.quantity }, entry.plan) : label(price, entry.plan)) : "No longer sold"),
      each,
      h("button", { class: "btn btn-small btn-ghost btn-danger", type: "button", "aria-label": `Remove ${product ? product.name : entry.product}`, onclick: () => cart.remove(index) }, "Remove")));
}

export function cartPage(route, { app, user }) {
  const root = h("main", { class: "page", id: "main" }, state.loading("Loading your cart"));
  mount(app, root);
  const render = () => products().then((items) => {
    const lines = cart.lines();
    const currency = cart.currency();
    if (!lines.length) return mount(root, h("h1", {}, "Your cart"), state.empty("Your cart is empty", "Pick a module to get started.", h("a", { class: "btn btn-primary", href: link("/") }, "Browse modules")));
    const bySlug = new Map(items.map((p) => [p.slug, p]));
    const priced = lines.map((l) => priceOf(bySlug.get(l.product)?.editions.find((e) => e.id === l.edition), l.plan, currency));
    const total = priced.reduce((sum, p, i) => sum + (p ? p.amount * lines[i].quantity : 0), 0);
    const error = h("p", { role: "alert", class: "small", style: "color:var(--bad)" });
    const pay = h("button", { class: "btn btn-primary", type: "submit", style: "width:100%" }, "Checkout");
    const form = h("form", { class: "card stack summary", "aria-label": "Order summary", novalidate: true },
      h("h2", {}, "Summary"),
      h("div", { class: "spread" }, h("span", { class: "muted" }, "Due today, VAT included"), h("strong", { class: "big-price", id: "cart-total" }, money(total, currency))),
      h("p", { class: "small muted", id: "vat-note" }, VAT_NOTE),
      lines.some((l) => l.plan !== "lifetime") ? h("p", { class: "small muted" }, "Subscriptions renew at the same price until cancelled.") : null,
      buyerFields(user, () => signIn()), error, pay,
      h("p", { class: "small faint" }, user ? "You pay on the secure payment page; the licenses arrive in your account." : "You pay on the secure payment page; the receipt with the license keys comes by e-mail."));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const fresh = cart.lines();
      const bad = fresh.findIndex((l) => l.domains.some((d) => !DOMAIN.test(d)));
      if (bad >= 0) {
        error.textContent = "Enter the shop domain each license is for (like myshop.example).";
        root.querySelector(`#${domainId(bad, fresh[bad].domains.findIndex((d) => !DOMAIN.test(d)))}`)?.focus();
        return;
      }
      const twice = fresh.findIndex((l) => new Set(l.domains).size !== l.domains.length);
      if (twice >= 0) { error.textContent = "Each license needs a different shop domain."; root.querySelector(`#${domainId(twice, 0)}`)?.focus(); return; }
      if (priced.some((p) => !p)) { error.textContent = `Some items are not sold in ${currency}: remove them or pick another currency.`; return; }
      const buyer = buyerBody(form, user);
      if (buyer.problem) { error.textContent = buyer.problem; form.querySelector(`#${buyer.field}`)?.focus(); return; }
      pay.disabled = true;
      error.textContent = "";
      try {
        const answer = await api("/checkout", { method: "POST", body: {
          items: fresh.map((l) => ({ product: l.product, edition: l.edition, plan: l.plan, quantity: l.quantity, domains: l.domains })), currency, ...buyer.body } });
        if (!/^https?:\/\//.test(answer.checkout_url || "")) throw new Error("the payment page address is missing");
        location.assign(answer.checkout_url);
      } catch (failure) {
        error.textContent = `Checkout failed: ${failure.message}`;
        pay.disabled = false;
      }
    });
    mount(root, h("h1", {}, "Your cart"), h("div", { class: "cart-layout" },
      h("ul", { class: "list", "aria-label": "Items" }, lines.map((l, i) => line(l, i, bySlug.get(l.product), currency))), form));
  }, (error) => mount(root, state.error(error, render)));
  render();
  return render;
}

export function thanksPage(route, { app, config, user }) {
  const to = receiptAddress();
  cart.clear();
  forgetBuyer();
  const text = user || !to
    ? "Your receipt is on its way by e-mail. Licenses appear in your account as soon as the payment is confirmed."
    : `Your receipt with the license keys is on its way to ${to}. Create an account with this address to find the licenses in it.`;
  mount(app, h("main", { class: "page", id: "main" }, h("div", { class: "state" },
    h("strong", {}, "Thank you for your order"), h("span", { id: "thanks-text" }, text),
    h("div", { style: "margin-top:16px" }, h("a", { class: "btn btn-primary", href: config.cabinetUrl + "/#/licenses" }, user ? "Go to your licenses" : "Your account")))));
}
