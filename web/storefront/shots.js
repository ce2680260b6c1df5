// Screenshot placeholders drawn as inline SVG: a browser window with a mock of the module's screen.
// Nothing downloads; colours come from the product's accent (validated) or a hue derived from its slug.
const SVG = "http://www.w3.org/2000/svg";

export function accentOf(product) {
  if (/^#[0-9a-f]{6}$/i.test(product.accent || "")) return product.accent;
  let hash = 0;
  for (const ch of product.slug || product.name || "") hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 62% 52%)`;
}

const SCREENS = {
  dashboard: (a) => `
    <rect x="92" y="52" width="88" height="44" rx="6" fill="${a}" opacity=".16"/><rect x="190" y="52" width="88" height="44" rx="6" fill="#eef1f5"/>
    <rect x="288" y="52" width="88" height="44" rx="6" fill="#eef1f5"/><rect x="100" y="62" width="40" height="6" rx="3" fill="${a}"/>
    <rect x="100" y="76" width="60" height="10" rx="3" fill="#1f2937" opacity=".7"/>
    ${[40, 62, 48, 80, 70, 96, 88, 110].map((hgt, i) => `<rect x="${104 + i * 34}" y="${226 - hgt}" width="20" height="${hgt}" rx="3" fill="${a}" opacity="${0.35 + i * 0.08}"/>`).join("")}
    <line x1="92" y1="227" x2="376" y2="227" stroke="#d7dce3"/>`,
  table: (a) => `
    <rect x="92" y="52" width="284" height="22" rx="4" fill="#eef1f5"/>
    ${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="100" y="${86 + i * 24}" width="${120 - (i % 3) * 20}" height="8" rx="4" fill="#1f2937" opacity=".55"/>
      <rect x="250" y="${86 + i * 24}" width="50" height="8" rx="4" fill="#9aa3b2"/>
      <rect x="320" y="${83 + i * 24}" width="46" height="14" rx="7" fill="${a}" opacity="${i % 2 ? 0.25 : 0.6}"/>`).join("")}`,
  settings: (a) => `
    ${[0, 1, 2, 3].map((i) => `<rect x="100" y="${58 + i * 40}" width="150" height="8" rx="4" fill="#1f2937" opacity=".6"/>
      <rect x="100" y="${72 + i * 40}" width="200" height="6" rx="3" fill="#9aa3b2" opacity=".7"/>
      <rect x="330" y="${60 + i * 40}" width="36" height="18" rx="9" fill="${i === 2 ? "#d7dce3" : a}"/>
      <circle cx="${i === 2 ? 340 : 356}" cy="${69 + i * 40}" r="7" fill="#fff"/>`).join("")}
    <rect x="100" y="218" width="80" height="14" rx="4" fill="${a}"/>`,
};

export function screenshot(product, variant = "dashboard", title = "") {
  const a = accentOf(product);
  const holder = document.createElement("div");
  holder.className = "shot";
  const draw = SCREENS[variant] || SCREENS.dashboard;
  holder.innerHTML = `<svg xmlns="${SVG}" viewBox="0 0 400 250" role="img" aria-label="">
    <rect width="400" height="250" fill="#f8fafc"/>
    <rect width="400" height="26" fill="#e9edf2"/><circle cx="14" cy="13" r="4" fill="#f87171"/><circle cx="28" cy="13" r="4" fill="#fbbf24"/><circle cx="42" cy="13" r="4" fill="#34d399"/>
    <rect x="60" y="7" width="200" height="12" rx="6" fill="#fff"/>
    <rect x="0" y="26" width="76" height="224" fill="#1f2937"/>
    ${[0, 1, 2, 3, 4].map((i) => `<rect x="12" y="${44 + i * 22}" width="${40 + (i % 2) * 12}" height="7" rx="3" fill="${i === 1 ? a : "#4b5563"}"/>`).join("")}
    <rect x="92" y="34" width="120" height="9" rx="4" fill="#1f2937" opacity=".8"/>
    ${draw(a)}
  </svg>`;
  holder.querySelector("svg").setAttribute("aria-label", title || `${product.name}: ${variant} screen`);
  return holder;
}

export const VARIANTS = ["dashboard", "table", "settings"];
