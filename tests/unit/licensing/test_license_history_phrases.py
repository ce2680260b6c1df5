"""A license's history reads as sentences for people: what paid for a change is named as people know it, and
entries stored before that (which named an order or a charge by its internal id) never show the id."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpdesk.licensing.model.history import CUSTOMER, SYSTEM, LicenseEvent

pytestmark = pytest.mark.unit
AT = datetime(2026, 12, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    ("event", "phrase"),
    [
        (
            LicenseEvent(AT, "renew", CUSTOMER, "Order 1042", "2027-12-07T00:00:00+00:00"),
            "Renewed until 07 Dec 2027 by the customer: Order 1042",
        ),
        (
            LicenseEvent(AT, "renew", SYSTEM, "order co_b550e1f2a9", "2027-12-07T00:00:00+00:00"),
            "Renewed until 07 Dec 2027 automatically: an order",
        ),
        (
            LicenseEvent(AT, "renew", SYSTEM, "charge pi_local_3f9a", "2027-12-07T00:00:00+00:00"),
            "Renewed until 07 Dec 2027 automatically: paid by the saved card",
        ),
        (
            LicenseEvent(AT, "revoke", "Anna Petrova", "order lost in the post"),
            "Revoked by Anna Petrova: order lost in the post",
        ),
    ],
)
def test_history_names_sources_as_people_know_them(event: LicenseEvent, phrase: str) -> None:
    assert event.phrase() == phrase
    assert "co_" not in event.phrase() and "pi_" not in event.phrase()
