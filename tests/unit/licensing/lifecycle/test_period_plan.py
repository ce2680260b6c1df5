"""Planning a period, naming its execution, compressing time, and the formats the ASL compares."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.calendar import MONTH, YEAR
from helpdesk.kernel.errors import Conflict, Invalid
from helpdesk.licensing.model.license import License, LicenseState, Money
from helpdesk.licensing.model.lifecycle import (
    RenewalTerms,
    RenewalTermsInvalid,
    execution_name,
    months_between,
    plan_period,
)
from helpdesk.licensing.services.period_input import CompressedTimeline, RealTimeline
from helpdesk.licensing.views.lifecycle import stored_time, wait_time
from pynamodb.attributes import UTCDateTimeAttribute

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TERMS = RenewalTerms(period=YEAR, price=Money(9900, "EUR"), manager="mgr-1")


def lic(days_left: float, **changes: object) -> License:
    values: dict[str, object] = dict(
        id="ord-1-1",
        product="seo-pro",
        edition="standard",
        customer_id="cus-1",
        domains=("shop.example",),
        issued=NOW - timedelta(days=300),
        expires=NOW + timedelta(days=days_left),
        updates_until=None,
    )
    values.update(changes)
    return License(**values)  # type: ignore[arg-type]


def test_plan_has_both_reminders_charges_per_dunning_and_grace() -> None:
    plan = plan_period(lic(40), TERMS, NOW)
    end = NOW + timedelta(days=40)

    assert plan.reminders == ((30, end - timedelta(days=30)), (7, end - timedelta(days=7)))
    assert plan.charges == (end, end + timedelta(days=3), end + timedelta(days=5))
    assert plan.grace_until == end + timedelta(days=14)
    assert plan.next_period_end == datetime(2028, 1, 4, 12, tzinfo=UTC)  # the same day a year on


def test_reminders_already_past_are_left_out_and_manual_renewals_are_not_charged() -> None:
    plan = plan_period(lic(10), RenewalTerms(**{**TERMS.__dict__, "subscription": False}), NOW)

    assert [days for days, _ in plan.reminders] == [7]
    assert plan.charges == ()


def test_lifetime_licenses_have_no_period() -> None:
    with pytest.raises(Invalid):
        plan_period(lic(10, expires=None), TERMS, NOW)


def test_a_charge_after_grace_is_refused() -> None:
    with pytest.raises(RenewalTermsInvalid):
        RenewalTerms(
            period=MONTH,
            price=Money(1, "EUR"),
            manager="m",
            grace=timedelta(days=4),
            dunning=(timedelta(0), timedelta(days=5)),
        )


def test_execution_name_is_per_license_and_period_and_valid_for_step_functions() -> None:
    end = datetime(2027, 3, 1, tzinfo=UTC)
    name = execution_name("ord/7 #2", end)

    assert name == "lic-ord_7__2-20270301"
    assert execution_name("ord/7 #2", end + timedelta(days=365)) != name
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,80}", execution_name("x" * 200, end))


def test_compressed_timeline_keeps_order_and_turns_days_into_seconds() -> None:
    timeline = CompressedTimeline(seconds_per_day=2)

    assert timeline.wall(NOW + timedelta(days=3), NOW) == NOW + timedelta(seconds=6)
    assert timeline.wall(NOW - timedelta(days=3), NOW) == NOW  # the past is now
    assert RealTimeline().wall(NOW + timedelta(days=3), NOW) == NOW + timedelta(days=3)


def test_stored_time_is_exactly_what_pynamodb_stores() -> None:
    when = datetime(2027, 1, 2, 3, 4, 5, 678, tzinfo=UTC)
    assert stored_time(when) == UTCDateTimeAttribute().serialize(when)
    assert wait_time(when) == "2027-01-02T03:04:05Z"


def test_months_between_covers_every_touched_month() -> None:
    months = months_between(datetime(2026, 11, 25, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC))
    assert [f"{m:%Y-%m}" for m in months] == ["2026-11", "2026-12", "2027-01", "2027-02"]


def test_renewal_moves_the_period_and_grace_and_keeps_the_serial() -> None:
    old = lic(5, updates_until=NOW + timedelta(days=5))
    new_end = NOW + timedelta(days=370)
    renewed = old.renew(new_end, new_end + timedelta(days=3), NOW, "webhook evt_1")

    assert (renewed.expires, renewed.updates_until, renewed.serial) == (new_end, new_end, old.serial)
    assert renewed.state_at(new_end + timedelta(days=2)) is LicenseState.GRACE
    assert renewed.state_at(new_end + timedelta(days=3)) is LicenseState.EXPIRED  # per-product grace, not 14
    with pytest.raises(Conflict):
        renewed.renew(new_end, new_end, NOW, "webhook evt_1")
