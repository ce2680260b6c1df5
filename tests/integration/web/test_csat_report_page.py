"""The console's satisfaction report in Chromium: the period asked for, the score per agent and per mailbox
with the totals (the stub answers in the staff API's CsatReportView), reached from the sales report."""

from __future__ import annotations

from typing import Any

import pytest
from helpdesk.tickets.model.csat import CsatReport, ScoreRow
from helpdesk.tickets.views.csat import CsatReportView

from tests.integration.web.test_invoice_downloads import sales_view
from tests.support.web_stub import ApiRequest, Reply, WebStub

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REPORT = CsatReport(
    agents=[ScoreRow("ada@agency.example", 3, 1), ScoreRow("bob@agency.example", 0, 2)],
    mailboxes=[ScoreRow("support", 3, 3)],
    total=ScoreRow("", 3, 3),
)


def test_the_report_shows_scores_per_agent_and_mailbox_for_the_period(tab: Any, stub: WebStub) -> None:
    def answer(request: ApiRequest) -> Reply:
        empty = CsatReport([], [], ScoreRow("", 0, 0))
        chosen = REPORT if request.query["from"] == "2026-11-01" else empty
        return 200, CsatReportView.of(chosen).model_dump(mode="json")

    stub.route(
        "console",
        "GET",
        "/reports/sales",
        lambda r: (200, sales_view(r.query)),
    )
    stub.route("console", "GET", "/reports/csat", answer)
    page = tab.open("console", "/reports", "#csat-link")
    page.click("#csat-link")
    page.wait_for_selector("#csat-from")
    page.fill("#csat-from", "2026-10-01")
    page.fill("#csat-to", "2026-10-31")
    page.get_by_role("button", name="Show").click()
    page.wait_for_selector("main .state:has-text('No ratings in this period')")
    page.fill("#csat-from", "2026-11-01")
    page.fill("#csat-to", "2026-11-30")
    page.get_by_role("button", name="Show").click()
    page.wait_for_selector("#csat-total")
    assert page.inner_text("#csat-total") == "Score 50 %: 3 good, 3 bad"
    agents = page.locator("table").nth(0).inner_text()
    assert "ada@agency.example\t3\t1\t75 %" in agents and "bob@agency.example\t0\t2\t0 %" in agents
    assert "support\t3\t3\t50 %" in page.locator("table").nth(1).inner_text()
    assert stub.calls("console", "GET", "/reports/csat")[-1].query == {
        "from": "2026-11-01",
        "to": "2026-11-30",
    }
    assert page.get_attribute(".topnav a[data-section=reports]", "aria-current") == "page"
