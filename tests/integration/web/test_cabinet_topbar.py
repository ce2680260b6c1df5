"""The cabinet's top bar: at desk widths each of the nine section links is whole and in reach, on a phone the
sections keep their own swipeable row under the brand and the user. The nav (overflow-x: auto in the shared
ui.css) shrank beside the brand and the user: at 1024 px it scrolled sideways and Messengers and Shop were out
of sight."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.topbar_layout import TOPBAR_PROBLEMS

pytestmark = [pytest.mark.browser, pytest.mark.integration]

LINKS = ["Tickets", "Orders", "Licenses", "Invoices", "Quotes", "Notices", "Servers", "Messengers", "Shop"]
DESK = [(1024, 768), (1280, 800), (1440, 900)]
PHONE = (390, 844)


def test_every_section_link_is_whole_and_in_reach_at_desk_and_phone_widths(tab: Any) -> None:
    page = tab.open("cabinet", "/", ".list-row")
    page.locator(".topbar .who").wait_for(state="attached")
    tab.settled()
    for width, height in [*DESK, PHONE]:
        page.set_viewport_size({"width": width, "height": height})
        if width in (1024, PHONE[0]):  # before the checks: a failing run leaves the picture of what failed
            tab.shoot("cabinet-topbar")
        measured = page.evaluate(TOPBAR_PROBLEMS, {"swipe": width == PHONE[0]})
        assert measured["names"] == LINKS
        assert measured["problems"] == [], f"at {width}x{height}: {measured['problems']}"
        assert tab.overflow() == 0
