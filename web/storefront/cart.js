// The cart and the chosen currency live in localStorage: they survive reloads and the trip to sign-in.
const CART = "helpdesk.shop.cart";
const CURRENCY = "helpdesk.shop.currency";
const listeners = new Set();

export const MAX_QUANTITY = 50;

// A line buys `quantity` licenses of one edition, one shop domain each (older carts kept one `domain`).
function normal(l) {
  const quantity = Math.min(MAX_QUANTITY, Math.max(1, Math.floor(Number(l.quantity) || 1)));
  const domains = Array.isArray(l.domains) ? l.domains : [l.domain || ""];
  return { product: l.product, edition: l.edition, plan: l.plan, quantity,
    domains: Array.from({ length: quantity }, (_, i) => domains[i] || "") };
}

function read() {
  try { return JSON.parse(localStorage.getItem(CART) || "[]").filter((l) => l && l.product && l.edition && l.plan).map(normal); } catch { return []; }
}

function write(lines, what) {
  localStorage.setItem(CART, JSON.stringify(lines));
  listeners.forEach((listener) => listener(what));
}

export const cart = {
  lines: read,
  add(line) {
    const lines = read();
    const domain = line.domain || "";
    const i = lines.findIndex((l) => l.product === line.product && l.edition === line.edition && l.plan === line.plan);
    if (i < 0) return write([...lines, normal({ ...line, quantity: 1, domains: [domain] })], "add");
    if (domain && lines[i].domains.includes(domain)) return undefined;  // that license is in the cart already
    lines[i] = normal({ ...lines[i], quantity: lines[i].quantity + 1, domains: [...lines[i].domains, domain] });
    return write(lines, "add");  // the same item again: one more license in its line
  },
  update(index, change) {
    const lines = read();
    lines[index] = normal({ ...lines[index], ...change });
    write(lines, "update");
  },
  setQuantity(index, quantity) {  // the page is drawn again: a domain field per license
    const lines = read();
    lines[index] = normal({ ...lines[index], quantity });
    write(lines, "quantity");
  },
  remove(index) {
    write(read().filter((_, i) => i !== index), "remove");
  },
  clear: () => write([], "clear"),
  onChange: (listener) => listeners.add(listener),
  currency: () => localStorage.getItem(CURRENCY) || "EUR",
  setCurrency(code) {
    localStorage.setItem(CURRENCY, code);
    listeners.forEach((listener) => listener("currency"));
  },
};

window.addEventListener("storage", (event) => {
  if (event.key === CART || event.key === CURRENCY) listeners.forEach((listener) => listener(event.key === CART ? "remove" : "currency"));
});
