"""Renewal lines, plans carried onto licenses, and their stored form (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.commerce.adapters.order_json import checkout_json, order_json, read_checkout, read_order
from helpdesk.commerce.model.catalogue import Plan, plan_of
from helpdesk.commerce.model.orders import (
    CartInvalid,
    Checkout,
    Offer,
    Order,
    OrderLine,
    receipt_text,
    renewal_checkout_id,
    renewal_line,
)
from helpdesk.kernel.calendar import MONTH
from helpdesk.licensing.model.license import License, Money

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
MONTHLY = Offer(
    "seo-pro",
    "pro",
    "SEO Pro",
    Money(540, "USD"),
    "anna",
    5,
    MONTH,
    MONTH,
    "monthly",
)
LIFETIME = Offer("seo-pro", "pro", "SEO Pro", Money(9900, "EUR"), "anna")


def lic(expires: datetime | None, **changes: object) -> License:
    base = License(
        "lic-1", "seo-pro", "pro", "cus-1", ("shop.example",), NOW - timedelta(days=20), expires, None
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_an_active_license_renews_from_its_current_end_and_the_id_names_the_period() -> None:
    line = renewal_line(lic(NOW + timedelta(days=11)), MONTHLY, NOW)
    assert (line.renews, line.renew_until, line.domains) == (
        "lic-1",
        datetime(2027, 1, 6, 12, tzinfo=UTC),  # the same day next month
        ("shop.example",),
    )
    assert renewal_checkout_id(line) == "rn_lic-1_20270106"
    # pressed again tomorrow: the same period, the same checkout
    again = renewal_line(lic(NOW + timedelta(days=11)), MONTHLY, NOW + timedelta(days=1))
    assert renewal_checkout_id(again) == renewal_checkout_id(line)


def test_a_license_in_grace_keeps_its_dates_and_a_lapsed_one_starts_again_now() -> None:
    in_grace = renewal_line(lic(NOW - timedelta(days=3)), MONTHLY, NOW)
    assert in_grace.renew_until == datetime(2026, 12, 22, 12, tzinfo=UTC)
    lapsed = renewal_line(lic(NOW - timedelta(days=90)), MONTHLY, NOW)
    assert lapsed.renew_until == datetime(2026, 12, 25, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "license, offer",
    [
        (lic(None), LIFETIME),
        (lic(NOW + timedelta(days=5)), LIFETIME),
        (lic(NOW + timedelta(days=5), revoked_at=NOW), MONTHLY),
        (lic(NOW + timedelta(days=5), suspended=True), MONTHLY),
    ],
)
def test_what_cannot_renew_is_refused(license: License, offer: Offer) -> None:
    with pytest.raises(CartInvalid):
        renewal_line(license, offer, NOW)


def test_new_licenses_carry_plan_and_currency_and_renewal_lines_make_none() -> None:
    lines = (
        OrderLine(MONTHLY, ("a.example",)),
        OrderLine(MONTHLY, ("b.example",), renews="lic-9", renew_until=NOW + timedelta(days=31)),
    )
    order = Order("co_1", "cs_1", "pi_1", "cus-1", "a@b.c", lines, Money(1080, "USD"), NOW)
    [new] = order.licenses()
    assert (new.id, new.plan, new.currency, new.expires) == (
        "co_1-1",
        "monthly",
        "USD",
        datetime(2026, 12, 25, 12, tzinfo=UTC),
    )
    assert order.line_license_ids() == ["co_1-1", "lic-9"]
    assert [line.renews for line in order.renewals()] == ["lic-9"]
    assert "Renewed until 2026-12-26" in receipt_text(order, ["KEY1", "KEY2"])
    assert Checkout("co_1", "a@b.c", "A", lines, NOW).saves_payment_method
    assert not Checkout(
        "co_2", "a@b.c", "A", (OrderLine(LIFETIME, ("a.example",)),), NOW
    ).saves_payment_method


def test_renewal_lines_and_plans_read_back_equal() -> None:
    line = OrderLine(MONTHLY, ("b.example",), renews="lic-9", renew_until=NOW + timedelta(days=31))
    checkout = Checkout("rn_1", "a@b.c", "", (line,), NOW, "org-1")
    assert read_checkout(checkout_json(checkout)) == checkout
    order = Order(
        "rn_1", "cs_1", "pi_1", "cus-1", "a@b.c", (line,), Money(540, "USD"), NOW, "org-1", ("lic-9",)
    )
    assert read_order(order_json(order)) == order


def test_bodies_stored_before_plans_tell_the_plan_by_their_term() -> None:
    old = order_json(
        Order("co_1", "cs", "pi", "c", "a@b.c", (OrderLine(MONTHLY, ("a.example",)),), MONTHLY.price, NOW)
    )
    stripped = old.replace('"plan": "monthly", ', "").replace('"term_months": 1', '"term_days": 31')
    stripped = stripped.replace('"updates_months": 1', '"updates_days": 31')
    assert '"plan"' not in stripped and read_order(stripped).lines[0].offer.plan == "monthly"
    assert read_order(stripped).lines[0].offer.term == MONTH  # day-counted terms read back as months
    assert plan_of(lic(NOW + timedelta(days=11))) is Plan.MONTHLY  # issued 20 days before: a 31-day term
    assert plan_of(lic(NOW + timedelta(days=346))) is Plan.YEARLY
    assert plan_of(lic(NOW + timedelta(days=42))) is Plan.MONTHLY  # renewed once: two months
    assert plan_of(lic(NOW + timedelta(days=712))) is Plan.YEARLY  # renewed once: two years
    assert plan_of(lic(None)) is Plan.LIFETIME
    assert plan_of(lic(NOW, plan="yearly")) is Plan.YEARLY
