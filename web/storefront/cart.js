// The cart and the chosen currency live in localStorage: they survive reloads and the trip to sign-in.
const CART = "helpdesk.shop.cart";
const CURRENCY = "helpdesk.shop.currency";
const listeners = new Set();

function read() {
  try { return JSON.parse(localStorage.getItem(CART) || "[]").filter((l) => l && l.product && l.edition && l.plan); } catch { return []; }
}

function write(lines, what) {
  localStorage.setItem(CART, JSON.stringify(lines));
  listeners.forEach((listener) => listener(what));
}

export const cart = {
  lines: read,
  add(line) {
    const lines = read();
    const same = lines.find((l) => l.product === line.product && l.edition === line.edition && l.plan === line.plan && (l.domain || "") === (line.domain || ""));
    if (!same) write([...lines, { product: line.product, edition: line.edition, plan: line.plan, domain: line.domain || "" }], "add");
  },
  update(index, change) {
    const lines = read();
    lines[index] = { ...lines[index], ...change };
    write(lines, "update");
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
