// Editions, plans and prices. Amounts are minor units (cents) per currency, as the public API lists them.
import { money } from "/shared/format.js";

export const PLANS = {
  lifetime: { label: "One-off", detail: "Lifetime license with a year of updates", suffix: "" },
  yearly: { label: "Yearly", detail: "Subscription, billed every year", suffix: " / year" },
  monthly: { label: "Monthly", detail: "Subscription, billed every month", suffix: " / month" },
};

// Catalogue prices are what the buyer pays: VAT is inside them (a reverse-charge business buyer's invoice shows
// the net amount with the note instead). Shown wherever a price is: docs/invoices.md.
export const VAT_NOTE = "Prices include VAT where it applies; EU businesses with a VAT ID are invoiced net (reverse charge).";

export function priceOf(edition, plan, currency) {
  return (edition?.prices || []).find((p) => p.plan === plan && p.currency === currency) || null;
}

export function plansOf(product) {
  const offered = new Set(product.editions.flatMap((e) => e.prices.map((p) => p.plan)));
  return Object.keys(PLANS).filter((plan) => offered.has(plan));
}

export function currenciesOf(products) {
  return [...new Set(products.flatMap((p) => p.editions.flatMap((e) => e.prices.map((x) => x.currency))))].sort();
}

export function label(price, plan) {
  return price ? money(price.amount, price.currency) + PLANS[plan].suffix : "Not sold in this currency";
}

export function fromPrice(product, currency) {
  const prices = product.editions.flatMap((e) => e.prices).filter((p) => p.currency === currency && p.plan === "lifetime");
  const any = prices.length ? prices : product.editions.flatMap((e) => e.prices).filter((p) => p.currency === currency);
  if (!any.length) return null;
  const cheapest = any.reduce((a, b) => (b.amount < a.amount ? b : a));
  return `from ${label(cheapest, cheapest.plan)}`;
}
