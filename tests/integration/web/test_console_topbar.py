"""The console's top bar for a role that sees every section: at desk widths each section link is whole and in
reach. With all nine the nav scrolled sideways at 1280 px and its last links sat under the search box."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.topbar_layout import TOPBAR_PROBLEMS

pytestmark = [pytest.mark.browser, pytest.mark.integration]

NINE_SECTIONS = ["inbox", "search", "projects", "licenses", "catalogue", "ops", "reports", "billing", "admin"]
LINKS = ["Inbox", "Chats", "Projects", "Licenses", "Catalogue", "Operations", "Reports", "Billing", "Admin"]
WIDTHS = [(1280, 800), (1024, 768), (1440, 900)]


def test_every_section_link_is_whole_and_in_reach_at_desk_widths(tab: Any, apis: Any) -> None:
    apis.console.me["sections"] = NINE_SECTIONS
    page = tab.open("console", "/", ".list-row")
    tab.settled()
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        if width == 1280:  # before the checks: a failing run leaves the picture of what failed
            tab.shoot("console-topbar-all-sections")
        measured = page.evaluate(TOPBAR_PROBLEMS, {"min_widths": {"#search": 160}})
        assert measured["names"] == LINKS
        assert measured["problems"] == [], f"at {width}x{height}: {measured['problems']}"
        assert tab.overflow() == 0
