"""A period's cabinet notices and the manager's ticket name the license, never its slugs or id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.calendar import YEAR
from helpdesk.licensing.model.license import License, Money
from helpdesk.licensing.model.lifecycle import LicenseRenewal, RenewalTerms, plan_period
from helpdesk.licensing.services.period_input import RealTimeline, period_input

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LICENSE = License(
    "co_4f1e9a-1", "seo-pro", "standard", "cus-1", ("shop.example",), NOW, NOW + timedelta(days=40), None
)


def test_notices_and_the_lapse_ticket_read_the_title() -> None:
    terms = RenewalTerms(period=YEAR, price=Money(9900, "EUR"), manager="mgr-1")
    plan = plan_period(LICENSE, terms, NOW)
    renewal = LicenseRenewal(
        LICENSE.id,
        "cus-1",
        "seo-pro",
        "standard",
        "mgr-1",
        plan.period_end,
        plan.grace_until,
        terms.price,
        True,
    )
    payload = period_input(
        plan, renewal, "SEO Pro — Standard", RealTimeline(), NOW, "https://cabinet.test", timedelta(hours=1)
    )
    read = [r.notice.subject for r in payload.reminders] + [
        payload.expired_notice.subject,
        payload.ticket.subject,
    ]
    assert read[0] == "Your SEO Pro — Standard license ends in 30 days"
    assert payload.expired_notice.subject == "Your SEO Pro — Standard license has expired"
    assert payload.ticket.subject == "Call the customer: their SEO Pro — Standard license is in grace"
    assert not [text for text in read if "seo-pro" in text or LICENSE.id in text]
