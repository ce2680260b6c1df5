"""Every main page at desktop and phone width: renders its data, nothing scrolls sideways, no console errors.
Writes the screenshots in docs/screenshots/ (look at them after a change)."""

from __future__ import annotations

import pytest

from tests.integration.web.conftest import DESKTOP, PHONE, Tab

pytestmark = [pytest.mark.browser, pytest.mark.integration]

CART = [
    {"product": "export-pro", "edition": "business", "plan": "yearly", "domain": "myshop.example"},
    {"product": "smart-search", "edition": "standard", "plan": "lifetime", "domain": "myshop.example"},
]

TOUR = {
    "console": [
        ("/", ".list-row", "console-inbox"),
        ("/tickets/t-1", ".message", "console-ticket"),
        ("/ops", "text=unparseable MIME", "console-operations"),
        ("/search?q=export", ".hit", "console-search"),
        ("/licenses", "#risk-panel table", "console-licenses"),
        ("/licenses/lic-3", ".license-key", "console-license"),
    ],
    "cabinet": [
        ("/", ".list-row", "cabinet-tickets"),
        ("/tickets/t-1", ".message", "cabinet-ticket"),
        ("/tickets/new", "form", "cabinet-new-ticket"),
        ("/orders", "table", "cabinet-orders"),
        ("/licenses", ".license-key", "cabinet-licenses"),
        ("/invoices", "table", "cabinet-invoices"),
        ("/notices", ".notice-item", "cabinet-notices"),
    ],
    "shop": [
        ("/", ".product-card", "shop-catalogue"),
        ("/products/export-pro", ".big-price", "shop-product"),
        ("/cart", ".cart-line", "shop-cart"),
    ],
}


# Controls a screen reader could not name: inputs without a label, buttons and links without text.
UNNAMED = """() =>
  [...document.querySelectorAll("input:not([type=hidden]), select, textarea, button, a[href]")]
  .filter((el) => el.offsetParent !== null)
  .filter((el) => {
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) return false;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) return !(el.labels && el.labels.length);
    return !el.textContent.trim();
  })
  .map((el) => el.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("site", list(TOUR))
def test_main_pages_fit_the_screen(browser, stub, site, viewport):
    tab = Tab(browser, stub, viewport)
    try:
        first, ready, _ = TOUR[site][0]
        page = tab.open(site, first, ready)
        if site == "shop":
            page.evaluate("lines => localStorage.setItem('helpdesk.shop.cart', JSON.stringify(lines))", CART)
            page.reload()
            page.wait_for_selector(ready)
        wide: list[tuple[str, int]] = []
        unnamed: list[tuple[str, str]] = []
        for path, ready, name in TOUR[site]:
            page.evaluate("hash => { location.hash = hash; }", path)
            page.wait_for_selector(ready)
            tab.settled()  # late parts (counts, toasts) are in before the measure and the picture
            if tab.overflow() > 0:
                wide.append((name, tab.overflow()))
            unnamed += [(name, html) for html in page.evaluate(UNNAMED)]
            tab.shoot(name)
        assert not wide, f"pages wider than {viewport['width']}px: {wide}"
        assert not unnamed, f"controls without an accessible name: {unnamed}"
        assert not tab.unexpected_errors(), tab.errors
    finally:
        tab.context.close()
