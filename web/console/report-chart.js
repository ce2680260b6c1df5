// A paired bar chart for a report: each row's figure this period beside the previous period's, drawn as
// inline SVG (no chart library, no CDN).
import { h } from "/shared/dom.js";
import { svg } from "./project-stats.js";

// rows: [{ label, now, before }]; format: how a value reads in its label.
export function comparisonChart(title, rows, format, { width = 720, height = 240 } = {}) {
  const shown = rows.slice(0, 31); // a month of days; other groupings come largest-first from the page
  const every = Math.ceil(shown.length / 10); // label every n-th bar so labels never overlap
  const max = Math.max(1, ...shown.flatMap((r) => [r.now || 0, r.before || 0]));
  const left = 8, bottom = 40, top = 18, gap = 14;
  const slot = (width - left * 2) / Math.max(1, shown.length), bar = Math.min(36, Math.max(4, (slot - gap) / 2));
  const scale = (v) => ((height - bottom - top) * Math.max(0, v || 0)) / max;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart report-chart", id: "report-chart" },
    svg("title", {}, title),
    ...shown.flatMap((r, i) => {
      const x = left + i * slot + slot / 2 - bar, now = scale(r.now), before = scale(r.before);
      const short = /^\d{4}-\d{2}-\d{2}$/.test(r.label) ? r.label.slice(5) : r.label.split("@")[0]; // days, people
      const label = short.length > 14 ? short.slice(0, 13) + "…" : short;
      return [
        svg("rect", { x, y: height - bottom - before, width: bar, height: before, rx: 2, class: "bar-previous", "data-value": r.before ?? "" }),
        svg("rect", { x: x + bar, y: height - bottom - now, width: bar, height: now, rx: 2, class: "bar", "data-value": r.now ?? "" }),
        shown.length <= 12 ? svg("text", { x: x + bar * 1.5, y: height - bottom - now - 4, "text-anchor": "middle", class: "chart-value" }, format(r.now)) : null,
        i % every === 0 ? svg("text", { x: x + bar, y: height - bottom + 16, "text-anchor": "middle", class: "chart-label" }, label) : null,
      ].filter(Boolean);
    }));
  const legend = h("div", { class: "small muted chart-legend" },
    h("span", { class: "swatch swatch-now" }), "This period ", h("span", { class: "swatch swatch-previous" }), "Previous period");
  return h("figure", { class: "card" }, h("figcaption", { class: "label" }, title), chart, legend);
}
