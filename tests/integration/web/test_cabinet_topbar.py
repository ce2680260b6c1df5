"""The cabinet's top bar: at desk widths each of the nine section links is whole and in reach, on a phone the
sections keep their own swipeable row under the brand and the user. The nav (overflow-x: auto in the shared
ui.css) shrank beside the brand and the user: at 1024 px it scrolled sideways and Messengers and Shop were out
of sight."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]

LINKS = ["Tickets", "Orders", "Licenses", "Invoices", "Quotes", "Notices", "Servers", "Messengers", "Shop"]
DESK = [(1024, 768), (1280, 800), (1440, 900)]
PHONE = (390, 844)

# Measured from the real layout: what stops a reader seeing or clicking a section link whole. On a phone the
# nav is a row of its own that may scroll sideways (`swipe`): each link is scrolled to before it is measured.
TOPBAR_PROBLEMS = """(swipe) => {
  const problems = [];
  const bar = document.querySelector(".topbar"), nav = document.querySelector(".topnav");
  const box = (el) => el.getBoundingClientRect();
  const inside = (r, o) => r.left >= o.left - 0.5 && r.right <= o.right + 0.5
    && r.top >= o.top - 0.5 && r.bottom <= o.bottom + 0.5;
  const overlap = (r, o) => Math.min(r.right, o.right) - Math.max(r.left, o.left) > 0.5
    && Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) > 0.5;
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const links = [...nav.querySelectorAll("a")].filter(shown);
  const others = [...bar.children].filter((el) => el !== nav && shown(el));
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
  return { problems, names: links.map((a) => a.textContent.trim()) };
}"""


def test_every_section_link_is_whole_and_in_reach_at_desk_and_phone_widths(tab: Any) -> None:
    page = tab.open("cabinet", "/", ".list-row")
    page.locator(".topbar .who").wait_for(state="attached")
    tab.settled()
    for width, height in [*DESK, PHONE]:
        page.set_viewport_size({"width": width, "height": height})
        if width in (1024, PHONE[0]):  # before the checks: a failing run leaves the picture of what failed
            tab.shoot("cabinet-topbar")
        measured = page.evaluate(TOPBAR_PROBLEMS, width == PHONE[0])
        assert measured["names"] == LINKS
        assert measured["problems"] == [], f"at {width}x{height}: {measured['problems']}"
        assert tab.overflow() == 0
