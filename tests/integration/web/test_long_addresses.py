"""A reply-token address is one unbroken 100-character word: on a 390 px phone it must wrap, not widen
the page (ticket, inbox, and the cabinet's ticket page)."""

from __future__ import annotations

import pytest

from tests.integration.web.conftest import PHONE, Tab
from tests.support.web_console_fixtures import message

pytestmark = [pytest.mark.browser, pytest.mark.integration]

TOKEN = "support+t1.eyJ0aWNrZXQiOiJ0LTEiLCJtc2ciOiJtLTIifQ.Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0"
LONG = f"{TOKEN}@agency.example"


@pytest.fixture
def long_addresses(apis):
    first = apis.console.view("t-1")
    apis.console.tickets[0] = first.model_copy(update={"participants": [LONG, "customer1@shop.example"]})
    apis.console.messages["t-1"].append(
        message(7, "inbound", f"Reply sent to {LONG} from my phone", 5, from_=LONG, to=[LONG], cc=[LONG])
    )
    apis.cabinet.messages["t-1"].append(
        message(8, "outbound", f"Write to {LONG}", 5, from_=LONG, to=["carla@shop.example"], cc=[LONG])
    )


@pytest.mark.parametrize(
    "site, path, ready",
    [
        ("console", "/tickets/t-1", ".message"),
        ("console", "/", ".list-row"),
        ("cabinet", "/tickets/t-1", ".message"),
    ],
)
def test_a_long_reply_token_address_wraps_on_a_phone(browser, stub, long_addresses, site, path, ready):
    tab = Tab(browser, stub, PHONE)
    try:
        page = tab.open(site, path, ready)
        if ready == ".message":
            page.locator(".message", has_text="agency.example").last.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert tab.overflow() == 0
        assert not tab.unexpected_errors(), tab.errors
    finally:
        tab.context.close()
