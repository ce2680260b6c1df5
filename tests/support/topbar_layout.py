"""Measured from a page's real top bar: what stops a reader seeing or clicking a section link whole.

`page.evaluate(TOPBAR_PROBLEMS, {"swipe": bool, "min_widths": {selector: px}})`. With `swipe` (a phone) the
nav is a row of its own that may scroll sideways: each link is scrolled to before it is measured. Returns the
problems found and the names of the links shown.
"""

TOPBAR_PROBLEMS = """({ swipe = false, min_widths = {} }) => {
  const problems = [];
  const bar = document.querySelector(".topbar"), nav = document.querySelector(".topnav");
  const box = (el) => el.getBoundingClientRect();
  const inside = (r, o) => r.left >= o.left - 0.5 && r.right <= o.right + 0.5
    && r.top >= o.top - 0.5 && r.bottom <= o.bottom + 0.5;
  const overlap = (r, o) => Math.min(r.right, o.right) - Math.max(r.left, o.left) > 0.5
    && Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) > 0.5;
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const links = [...nav.querySelectorAll("a")].filter(shown);
  const others = [...bar.children]
    .filter((el) => el !== nav && shown(el) && !el.classList.contains("skip-link"));
  const view = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  for (const a of links) {
    if (swipe) a.scrollIntoView({ block: "nearest", inline: "nearest" });
    const r = box(a), name = a.textContent.trim();
    if (!inside(r, view)) problems.push(`${name}: outside the viewport`);
    if (a.scrollWidth > a.clientWidth) problems.push(`${name}: its label is cut`);
    for (let up = a.parentElement; up && up !== bar.parentElement; up = up.parentElement) {
      const style = getComputedStyle(up);
      const clips = style.overflowX !== "visible" || style.overflowY !== "visible";
      if ((clips || up === bar) && !inside(r, box(up))) problems.push(`${name}: clipped by .${up.className}`);
    }
    for (const other of [...others, ...links.filter((l) => l !== a)])
      if (overlap(r, box(other))) problems.push(`${name}: under ${other.className || other.textContent}`);
  }
  nav.scrollLeft = 0;
  if (bar.scrollWidth > bar.clientWidth) problems.push(".topbar scrolls sideways");
  if (!swipe && nav.scrollWidth > nav.clientWidth) problems.push(".topnav scrolls sideways");
  for (const el of others) {
    if (!inside(box(el), view)) problems.push(`.${el.className}: outside the viewport`);
    if (overlap(box(el), box(nav))) problems.push(`.${el.className}: under the nav`);
  }
  if (swipe && box(nav).top < Math.max(...others.map((el) => box(el).bottom)) - 0.5)
    problems.push("the nav is not on a row of its own");
  for (const [selector, least] of Object.entries(min_widths)) {
    const width = box(document.querySelector(selector)).width;
    if (width < least) problems.push(`${selector} is ${width}px wide`);
  }
  return { problems, names: links.map((a) => a.textContent.trim()) };
}"""
