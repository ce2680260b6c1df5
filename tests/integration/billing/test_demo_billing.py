"""The demo's month of billing activity, loaded on the template's resources under moto: an invoice from the
month before last, half paid and aged; last month's draft awaiting the accountant; a quote sent to Acme."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.commerce.conftest import shop  # noqa: F401

pytestmark = pytest.mark.integration


def test_the_demo_shows_something_on_every_billing_page(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from helpdesk.bootstrap import container
    from helpdesk_local.demo_billing import load_demo_billing

    load_demo_billing()
    load_demo_billing()  # a second start changes nothing
    c = container()
    items, ageing, today = c.receivables.aged()
    (owed,) = items
    assert owed.organisation_id == "org-globex" and owed.status.value == "partial" and owed.age(today) > 0
    assert owed.paid == owed.total // 2
    # the month before last: 4 h + 3 h + 2 h + 0.5 h = 9.5 h at 120.00 USD, no VAT for a US client
    assert owed.total == 114000 and ageing["USD"][next(b for b, v in ageing["USD"].items() if v)] == 57000
    last_month = f"{datetime.now(UTC).date().replace(day=1) - timedelta(days=1):%Y-%m}"
    (draft,) = c.time_billing.drafts(last_month)
    assert draft.status.value == "proposed" and draft.net == (300 + 60 + 150 + 30) * 12000 // 60
    (quote,) = c.quotes.for_staff("org-acme")
    assert quote.status.value == "sent" and quote.total == 24 * 8000 + 36000


def test_the_demo_service_order_shows_its_tasks_and_tickets_to_staff_and_to_globex(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from helpdesk.bootstrap import container
    from helpdesk_local.demo_billing import load_demo_billing
    from helpdesk_local.demo_service_order import ORDER_ID, load_demo_service_order

    from tests.integration.billing.test_services_billing_routes import staff
    from tests.integration.commerce.conftest import cabinet

    load_demo_billing()
    load_demo_service_order()
    load_demo_service_order()  # a second start changes nothing
    seen = staff("GET", "/service-orders/{order_id}", token="ivan", order_id=ORDER_ID)
    assert seen.status == 200, seen.body
    assert (seen.body["organisation_id"], seen.body["status"], len(seen.body["tasks"])) == (
        "org-globex",
        "accepted",
        3,
    )
    assert seen.body["logged_minutes"] == 195 and len(seen.body["tickets"]) == 2
    mine = cabinet("GET", "/service-orders/{order_id}", token="bob", order_id=ORDER_ID).body
    assert sorted(t["subject"] for t in mine["tickets"]) == [
        "Invoice PDF shows the wrong VAT id", "Orders stuck in 'pending' after the ERP sync"]  # fmt: skip
    assert cabinet("GET", "/service-orders/{order_id}", token="alice", order_id=ORDER_ID).status == 404
    assert container().client_accounts.get("org-globex").hourly_rate == 12000  # Globex's terms unchanged
