"""One contract for the checkout store, run against the in-memory fake and PynamoDB under moto."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.commerce.adapters.dynamo_checkout_store import DynamoCheckoutStore
from helpdesk.commerce.model.orders import Checkout, CheckoutNotFound, Offer, Order, OrderLine
from helpdesk.commerce.ports import CheckoutStore
from helpdesk.kernel.calendar import MONTH, YEAR
from helpdesk.licensing.model.license import Money
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, serialised_moto
from tests.fakes.commerce.memory_checkout_store import InMemoryCheckoutStore

pytestmark = pytest.mark.contract
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LIFETIME = Offer("seo-pro", "standard", "SEO Pro", Money(4900, "EUR"), "mgr-anna")
YEARLY = Offer("backup", "pro", "Backup", Money(1900, "EUR"), "mgr-ivan", 3, YEAR, MONTH)


@pytest.fixture(params=["memory", "dynamodb"])
def store(request: pytest.FixtureRequest) -> Iterator[CheckoutStore]:
    if request.param == "memory":
        yield InMemoryCheckoutStore()
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        yield DynamoCheckoutStore("helpdesk", "eu-central-1")


def checkout() -> Checkout:
    lines = (
        OrderLine(LIFETIME, ("shop.example",)),
        OrderLine(YEARLY, ("a.example", "b.example")),
        OrderLine(YEARLY, ("c.example",), upgrade_of="lic-9"),
    )
    return Checkout("co_1", "ann@example.com", "Ann", lines, NOW, "org-1")


def order(customer: str = "cus-1") -> Order:
    c = checkout()
    return Order(
        c.id, "cs_1", "pi_1", customer, c.customer_email, c.lines, c.total, NOW, "org-1", ("co_1-1", "co_1-2")
    )


def test_checkout_reads_back_equal(store: CheckoutStore) -> None:
    store.add_checkout(checkout())
    assert store.get_checkout("co_1") == checkout()
    with pytest.raises(CheckoutNotFound):
        store.get_checkout("co_2")


def test_first_order_wins(store: CheckoutStore) -> None:
    assert store.get_order("co_1") is None
    first = store.add_order(order("cus-1"))
    assert replace(first, number=0) == order("cus-1")
    assert store.add_order(order("cus-2")) == first
    assert store.get_order("co_1") == first


def test_orders_get_short_sequential_numbers_once(store: CheckoutStore) -> None:
    first = store.add_order(order())
    again = store.add_order(order())  # a retried webhook
    second = store.add_order(replace(order(), id="co_2"))
    assert first.number > 1000 and again.number == first.number and second.number == first.number + 1
    assert first.label == f"ORD-{first.paid_at.year}-{first.number:06d}" and "co_" not in first.label
    assert re.fullmatch(r"ORD-\d{4}-\d{6}", second.label)
    assert store.get_order("co_2") == second


def test_payment_links_and_refunds(store: CheckoutStore) -> None:
    assert store.order_for_payment("pi_1") is None and not store.refund_recorded("pi_1")
    store.link_payment("pi_1", "co_1")
    store.record_refund("pi_1")
    store.record_refund("pi_1")
    assert store.order_for_payment("pi_1") == "co_1" and store.refund_recorded("pi_1")
    assert not store.refund_recorded("pi_2")


def test_effect_claims_are_exclusive_until_released(store: CheckoutStore) -> None:
    assert store.claim_effect("co_1", "receipt")
    assert not store.claim_effect("co_1", "receipt")
    assert store.claim_effect("co_1", "ticket") and store.claim_effect("co_2", "receipt")
    store.release_effect("co_1", "receipt")
    store.release_effect("co_9", "receipt")
    assert store.claim_effect("co_1", "receipt")


def test_parallel_claims_have_one_winner(store: CheckoutStore) -> None:
    store.event_processed("warm-up")  # one client for all threads, as in a warm Lambda
    with ThreadPoolExecutor(max_workers=20) as pool:
        wins = list(pool.map(lambda _: store.claim_effect("co_1", "receipt"), range(20)))
    assert wins.count(True) == 1


def test_events_are_remembered(store: CheckoutStore) -> None:
    assert not store.event_processed("evt_1")
    assert store.mark_event_processed("evt_1", int(NOW.timestamp()) + 3600)
    assert not store.mark_event_processed("evt_1", int(NOW.timestamp()) + 7200)
    assert store.event_processed("evt_1") and not store.event_processed("evt_2")


def test_orders_of_an_organisation_newest_first_and_no_others(store) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    first = order()
    later = replace(order(), id="co_2", paid_at=NOW + timedelta(hours=1))
    foreign = replace(order(), id="co_3", organisation_id="org-2")
    for o in (first, later, foreign):
        store.add_order(o)
    assert [o.id for o in store.orders_for_organisation("org-1")] == ["co_2", "co_1"]  # type: ignore[attr-defined]
    assert [o.id for o in store.orders_for_organisation("org-2")] == ["co_3"]  # type: ignore[attr-defined]
    assert store.orders_for_organisation("org-9") == []  # type: ignore[attr-defined]


def test_orders_of_a_customer_include_guest_purchases_newest_first(store) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    signed_in = order()
    guest = replace(order(), id="co_2", paid_at=NOW + timedelta(hours=1), organisation_id=None)
    someone_else = replace(order(), id="co_3", customer_id="cus-9", organisation_id=None)
    for o in (signed_in, guest, someone_else):
        store.add_order(o)
    assert [o.id for o in store.orders_for_customer(signed_in.customer_id)] == ["co_2", "co_1"]
    assert [o.id for o in store.orders_for_customer("cus-9")] == ["co_3"]
    assert store.orders_for_customer("cus-missing") == []
