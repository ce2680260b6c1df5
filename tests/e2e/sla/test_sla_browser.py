"""SLAs in Chromium on the local stack: a mailed ticket shows the demo's office-hours policy; an admin's
round-the-clock policy for its organisation's urgent tickets; an agent raises it to urgent and sees its due
times count down, pending pause them, the history name who did what, and the
"Breaching within 1 h" board list it (also at 390 px). Screenshots: tests/.artifacts, or docs/screenshots
with HELPDESK_SCREENSHOTS=1."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.e2e.tickets.test_mail_to_ticket import mailed_ticket
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

ROUND_THE_CLOCK = [
    {"day": d, "open": "00:00", "close": "24:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
]


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"sla-{name}.png"), full_page=True)


def round_the_clock_policy(local: LocalProcess, name: str, **scope: Any) -> None:
    """A uniquely named round-the-clock calendar and a policy in it, covering `scope` (with the organisation
    of a test's own mail domain it beats the demo's office-hours policies as the more specific one)."""
    admin = local.token("admin@helpdesk.localhost")
    calendar = {"name": f"Round the clock {name}", "timezone": "UTC", "hours": ROUND_THE_CLOCK}
    assert local.api("console", "POST", "/sla/calendars", admin, calendar)[0] == 200
    policy = {"name": name, "calendar": calendar["name"], **scope}
    assert local.api("console", "POST", "/sla/policies", admin, policy)[0] == 200


def test_an_urgent_ticket_counts_down_pauses_in_pending_and_shows_on_the_board(
    local: LocalProcess,
    chromium: Any,
) -> None:
    word = f"sla{uuid.uuid4().hex[:6]}"
    anna = local.token("anna@helpdesk.localhost")
    subject, text = f"Checkout is down ({word})", "Nobody can pay since ten minutes."
    ticket = mailed_ticket(local, anna, word, f"it@{word}.example", subject, text)
    ticket_id, organisation = ticket["id"], ticket["organisation_id"]
    assert organisation  # the sender's new mail domain: an organisation of this test's own

    # The demo's office-hours policies cover every priority; this organisation's urgent tickets get a
    # round-the-clock policy of their own.
    times = {"first_response_minutes": 30, "resolution_minutes": 240}
    round_the_clock_policy(local, f"Urgent {word}", priority="urgent", organisation_id=organisation, **times)
    pages = Pages(chromium, local)

    console = pages.open("console", f"/tickets/{ticket_id}")
    sign_in(console, "anna@helpdesk.localhost")
    console.wait_for_selector("#ticket-title")
    card = console.wait_for_selector("#sla-card")
    assert "Office hours · normal" in card.inner_text()  # the demo's policy for normal priority
    console.select_option("#priority", "urgent")
    console.wait_for_selector(f"#sla-card:has-text('Urgent {word}')")
    first = console.inner_text("[data-clock=first_response]")
    assert first.startswith("due in ") and ("29m" in first or "30m" in first), first
    shot(console, "1-ticket-due")

    console.select_option("#status", "pending")  # waiting for the customer: the clocks stop
    console.wait_for_function(
        "() => document.querySelector('.sla-paused [data-clock=first_response]')?.textContent"
        ".endsWith('of business time left')"
    )
    history = console.inner_text("#history")
    assert "priority: normal → urgent" in history and "status: new → pending" in history
    assert "anna@helpdesk.localhost" in history
    shot(console, "2-ticket-paused-history")
    console.select_option("#status", "open")
    console.wait_for_function(
        "() => document.querySelector('[data-clock=first_response]')?.textContent.startsWith('due in')"
    )

    console.goto(pages.url("console", "/"))
    console.get_by_role("link", name="Breaching within 1 h").click()
    console.wait_for_selector(f".sla-board-row:has-text('{word}')")
    assert "First response due in" in console.inner_text(f".sla-board-row:has-text('{word}')")

    phone = pages.open("console", "/sla?state=breaching", width=390)
    sign_in(phone, "anna@helpdesk.localhost")
    phone.wait_for_selector(f".sla-board-row:has-text('{word}')")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    shot(phone, "3-board-390")
    phone.click(f".sla-board-row a:has-text('{word}')")
    phone.wait_for_selector("#sla-card")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    shot(phone, "4-ticket-390")
    assert pages.errors == []
