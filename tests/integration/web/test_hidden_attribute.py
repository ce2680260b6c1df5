"""The `hidden` attribute hides, whatever class the element has. A class rule that sets `display` (the shared
ui.css gives .topnav `display: flex`) outranks the browser's own `[hidden] { display: none }`: the cabinet's
section nav, marked hidden until a customer is signed in, showed its nine links to a signed-out visitor."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# Every element of the page, marked hidden for a moment (and put back as it was): what still takes a box.
# Catches a class rule that would beat `hidden` before any script hides an element of that class.
SHOWN_THOUGH_HIDDEN = """() => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map((c) => "." + c).join("");
  const shown = [];
  for (const el of document.querySelectorAll("body, body *")) {
    const was = el.hasAttribute("hidden");  // the attribute, not .hidden: an <svg> has no such property
    el.toggleAttribute("hidden", true);
    const display = getComputedStyle(el).display;
    el.toggleAttribute("hidden", was);
    if (display !== "none") shown.push(`${name(el)}${was ? "" : " (if hidden)"}: display ${display}`);
  }
  return shown;
}"""

PAGES = [
    ("cabinet", "text=Sign in"),  # the signed-out cabinet
    ("console", "text=Sign in to the console"),  # the console's sign-in page
    ("shop", ".product-card"),  # the storefront home
]


def test_the_signed_out_cabinet_keeps_its_section_nav_out_of_sight(tab: Any, stub: Any) -> None:
    stub.signed_in = False
    page = tab.open("cabinet", "/", "text=Sign in")
    tab.settled()
    tab.shoot("cabinet-signed-out")
    nav = page.locator("nav#nav")
    assert nav.get_attribute("hidden") is not None
    assert not nav.is_visible()
    # display: none also takes the links out of the accessibility tree
    assert page.get_by_role("link", name="Tickets", exact=True).count() == 0
    assert page.get_by_role("button", name="Sign in").is_visible()


@pytest.mark.parametrize(("host", "ready"), PAGES, ids=[host for host, _ in PAGES])
def test_every_element_marked_hidden_has_no_box(tab: Any, stub: Any, host: str, ready: str) -> None:
    stub.signed_in = False
    page = tab.open(host, "/", ready)
    tab.settled()
    assert page.evaluate(SHOWN_THOUGH_HIDDEN) == []
