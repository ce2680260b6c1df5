// Formatting of dates, sizes and money in the reader's locale.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

export function day(iso) {
  return iso ? dateOnly.format(new Date(iso)) : "—";
}

const UNITS = [["second", 1], ["minute", 60], ["hour", 3600], ["day", 86400], ["week", 604800], ["month", 2629800], ["year", 31557600]];

export function ago(iso, now = Date.now()) {
  if (!iso) return "—";
  const seconds = (new Date(iso).getTime() - now) / 1000;
  // The largest unit that fits: 90 minutes reads "1 hour ago", not "90 minutes ago".
  const [unit, size] = [...UNITS].reverse().find(([, s]) => Math.abs(seconds) >= s) || UNITS[0];
  return relative.format(Math.round(seconds / size), unit);
}

export function bytes(size) {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(size < 10240 ? 1 : 0)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

// Amounts travel in minor units (cents), as Stripe counts them.
export function money(amount, currency) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount / 100);
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
