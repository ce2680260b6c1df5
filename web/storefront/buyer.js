// Who buys and what goes on the invoice. A guest gives the e-mail address for the receipt (and a name); anyone
// may give invoice details. What is typed is kept in sessionStorage, so it survives the trip to sign-in and back.
import { h } from "/shared/dom.js";

const DRAFT = "helpdesk.shop.buyer";
const EMAIL = /^[^\s@<>()[\],;:"]{1,64}@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const INVOICE = ["bill-company", "bill-country", "bill-vat", "bill-address"];

const draft = () => { try { return JSON.parse(sessionStorage.getItem(DRAFT) || "{}"); } catch { return {}; } };
export const forgetBuyer = () => sessionStorage.removeItem(DRAFT);
export const receiptAddress = () => draft()["buyer-email"] || "";

function field(id, label, saved, extra = {}) {
  const control = extra.rows
    ? h("textarea", { id, class: "input", ...extra }, saved[id] || "")
    : h("input", { id, class: "input", value: saved[id] || "", ...extra });
  return [h("label", { for: id, class: "label small" }, label), control];
}

// The fields for the summary card; every change is remembered at once.
export function buyerFields(user, signIn) {
  const saved = draft();
  const remember = (event) => {
    if (event.target.id) sessionStorage.setItem(DRAFT, JSON.stringify({ ...draft(), [event.target.id]: event.target.value }));
  };
  const guest = user ? null : h("fieldset", { class: "stack small", id: "guest" },
    h("legend", { class: "label" }, "Your details"),
    ...field("buyer-email", "E-mail for the receipt and license keys", saved, { type: "email", autocomplete: "email", required: true }),
    ...field("buyer-name", "Name", saved, { autocomplete: "name" }),
    h("p", { class: "small muted" }, "Have an account? ", h("button", { class: "btn btn-small btn-ghost", type: "button", onclick: signIn }, "Sign in"),
      " Or create one later with this address: the licenses will be in it."));
  const open = INVOICE.some((id) => saved[id]);
  const invoice = h("details", { class: "stack small", open },
    h("summary", {}, "Invoice details (optional)"),
    ...(user ? field("buyer-name", "Name", saved, { autocomplete: "name" }) : []),
    ...field("bill-company", "Company", saved, { autocomplete: "organization" }),
    ...field("bill-country", "Country code (e.g. DE)", saved, { maxlength: "2", autocomplete: "country" }),
    ...field("bill-vat", "EU VAT ID (reverse charge for a business in another EU country)", saved, { autocomplete: "off" }),
    ...field("bill-address", "Address", saved, { rows: "3", autocomplete: "street-address" }));
  const box = h("div", { class: "stack" }, guest, invoice);
  box.addEventListener("input", remember);
  return box;
}

// The body fields for POST /checkout, or { problem, field } when a guest's address is missing or malformed.
export function buyerBody(root, user) {
  const value = (id) => (root.querySelector(`#${id}`)?.value || "").trim();
  const body = {
    name: value("buyer-name"), company: value("bill-company"), country: value("bill-country").toUpperCase(), vat_id: value("bill-vat"),
    address: value("bill-address").split("\n").map((line) => line.trim()).filter(Boolean).slice(0, 5),
  };
  if (!user) {
    body.email = value("buyer-email");
    if (!EMAIL.test(body.email)) return { problem: "Enter the e-mail address the receipt and license keys go to.", field: "buyer-email" };
  }
  return { body: Object.fromEntries(Object.entries(body).filter(([, v]) => (Array.isArray(v) ? v.length : v))) };
}
