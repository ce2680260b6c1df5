"""The inbox's SLA countdown in Chromium on the local stack (issue 17): a row counts down to its ticket's next
target in the ticket page's words and numbers, amber under an hour, red once overdue, and "paused" while the
ticket is pending. The browser's clock is Playwright's, moved forward instead of waiting for real minutes to
pass. Screenshots: docs/screenshots (sla-5-inbox-*)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.sla.test_sla_browser import round_the_clock_policy
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.e2e.tickets.test_mail_to_ticket import mailed_ticket
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ANNA = "anna@helpdesk.localhost"
WARN, BAD = "rgb(180, 83, 9)", "rgb(185, 28, 28)"  # --warn and --bad of web/shared/ui.css


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"sla-5-inbox-{name}.png"), full_page=True)


def test_inbox_rows_count_down_like_the_ticket_page_turn_amber_red_and_pause(
    local: LocalProcess,
    chromium: Any,
) -> None:
    word = f"row{uuid.uuid4().hex[:6]}"
    anna = local.token(ANNA)
    ticket = mailed_ticket(
        local, anna, word, f"it@{word}.example", f"Shop is slow ({word})", "Ten seconds a page."
    )
    ticket_id = ticket["id"]
    assert local.api("console", "PATCH", f"/tickets/{ticket_id}", anna, {"tags": [word]})[0] == 200
    times = {
        "first_response_minutes": 45,
        "resolution_minutes": 480,
    }  # more specific than the demo's "normal"
    round_the_clock_policy(
        local, f"Inbox {word}", priority="normal", organisation_id=ticket["organisation_id"], **times
    )

    pages = Pages(chromium, local)
    page = pages.open("console", f"/?tag={word}")
    page.context.clock.install(time=datetime.now(UTC))  # the console's pages run on a clock the test moves
    sign_in(page, ANNA)
    due = f".inbox-item:has-text('{word}') .sla-due[data-clock=first_response]"
    page.wait_for_selector(due)
    page.clock.pause_at(datetime.now(UTC) + timedelta(seconds=1))
    page.clock.fast_forward(30_000)  # the countdown's tick: the row is drawn at this instant

    def same_as_ticket_page() -> str:
        """The row's words, after checking the ticket page shows the same numbers at the same instant."""
        row = page.inner_text(due)
        page.click(f".inbox-item:has-text('{word}') .list-row")
        shown = page.wait_for_selector("#sla-card [data-clock=first_response]").inner_text()
        assert row.replace("paused, ", "") == f"First response {shown}", (row, shown)
        page.go_back()
        page.wait_for_selector(due)
        return row

    row = same_as_ticket_page()
    assert re.fullmatch(r"First response due in [34]\dm", row), row  # 44 or 45 minutes (a slow run: fewer)
    assert page.get_attribute(due, "data-tone") == "soon"
    assert page.eval_on_selector(due, "(e) => getComputedStyle(e).color") == WARN
    shot(page, "1-soon")

    page.clock.fast_forward("46:00")
    page.wait_for_selector(f"{due}[data-tone=breached]")
    row = same_as_ticket_page()
    assert row.startswith("First response overdue by "), row
    assert page.eval_on_selector(due, "(e) => getComputedStyle(e).color") == BAD
    shot(page, "2-overdue")

    pending = local.api("console", "PATCH", f"/tickets/{ticket_id}", anna, {"status": "pending"})
    assert pending[0] == 200
    page.clock.run_for(6_000)  # the live inbox's next poll brings the change
    page.wait_for_selector(f"{due}[data-tone=paused]")
    row = same_as_ticket_page()
    assert re.fullmatch(r"First response paused, \d+m of business time left", row), row
    shot(page, "3-paused")
    assert pages.errors == []
