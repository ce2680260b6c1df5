"""Subscription periods in calendar terms: bought on Dec 7, a yearly license ends on Dec 7 next year, renews
to Dec 7 the year after, and the cabinet counts the calendar days in between (fixed clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.cabinet.services.licenses import with_renewals
from helpdesk.commerce.model.catalogue import Edition, Plan, Price, Product
from helpdesk.commerce.model.orders import Order, OrderLine, renewal_line
from helpdesk.kernel.calendar import MONTH, YEAR, add_months, days_until
from helpdesk.kernel.clock import FixedClock
from helpdesk.licensing.model.license import License, Money
from helpdesk.licensing.model.lifecycle import RenewalTerms, plan_period
from helpdesk.licensing.views.licensing import LicenseView

pytestmark = pytest.mark.unit
PRO = Edition("pro", "Pro", (Price(Plan.YEARLY, "EUR", 3900), Price(Plan.MONTHLY, "EUR", 400)))
SEO = Product("seo-pro", "SEO Pro", "s", "d", "anna", ("8.2",), (PRO,))


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 15, 30, tzinfo=UTC)


def bought(plan: Plan, paid_at: datetime) -> License:
    order = Order("co_1", "cs", "pi", "cus-1", "a@b.c", (OrderLine(SEO.offer("pro", plan), ("a.example",)),),
                  Money(3900, "EUR"), paid_at)  # fmt: skip
    [license] = order.licenses()
    return license


class NoRenewals:
    def get(self, license_id: str) -> None:
        return None


def days_left_shown(license: License, now: datetime) -> int | None:
    view = LicenseView(id=license.id, product=license.product, edition=license.edition, title="SEO Pro — Pro",
                       state="active",
                       domains=list(license.domains), issued=license.issued, expires=license.expires,
                       updates_until=license.updates_until, max_activations=5, activations=[], key="k",
                       order_id="co_1", customer_id="cus-1")  # fmt: skip
    [shown] = with_renewals([view], NoRenewals(), FixedClock(now).now())  # type: ignore[arg-type]
    return shown.days_left


def test_a_yearly_plan_bought_on_dec_7_runs_to_dec_7_renews_to_dec_7_and_shows_365_days() -> None:
    paid = at(2026, 12, 7)
    license = bought(Plan.YEARLY, paid)
    assert license.expires == at(2027, 12, 7) and license.updates_until == at(2027, 12, 7)
    assert days_left_shown(license, paid) == 365
    assert days_left_shown(license, paid + timedelta(hours=8)) == 365  # the same calendar day
    assert days_left_shown(license, at(2027, 12, 6)) == 1
    assert days_left_shown(license, at(2027, 12, 7) + timedelta(hours=1)) == 0
    terms = RenewalTerms(YEAR, Money(3900, "EUR"), "anna")
    assert plan_period(license, terms, paid).next_period_end == at(2028, 12, 7)
    renewal = renewal_line(license, SEO.offer("pro", Plan.YEARLY), at(2027, 11, 20))
    assert renewal.renew_until == at(2028, 12, 7)


def test_a_leap_day_purchase_ends_on_feb_28_and_returns_to_the_29th_in_the_next_leap_year() -> None:
    license = bought(Plan.YEARLY, at(2028, 2, 29))
    assert license.expires == at(2029, 2, 28)
    assert days_left_shown(license, at(2028, 2, 29)) == 365
    assert YEAR.next_end(at(2031, 2, 28), license.issued) == at(2032, 2, 29)
    assert YEAR.next_end(at(2029, 2, 28), license.issued) == at(2030, 2, 28)


def test_a_monthly_plan_from_jan_31_ends_on_the_last_of_february_then_the_31st_again() -> None:
    license = bought(Plan.MONTHLY, at(2027, 1, 31))
    assert license.expires == at(2027, 2, 28)
    assert days_left_shown(license, at(2027, 1, 31)) == 28
    terms = RenewalTerms(MONTH, Money(400, "EUR"), "anna")
    assert plan_period(license, terms, at(2027, 2, 1)).next_period_end == at(2027, 3, 31)
    renewed = renewal_line(license, SEO.offer("pro", Plan.MONTHLY), at(2027, 2, 20))
    assert renewed.renew_until == at(2027, 3, 31)
    assert bought(Plan.MONTHLY, at(2028, 1, 31)).expires == at(2028, 2, 29)  # a leap year
    assert bought(Plan.MONTHLY, at(2026, 12, 15)).expires == at(2027, 1, 15)  # across the year


def test_a_lapsed_license_starts_a_new_period_on_the_day_it_is_paid() -> None:
    license = bought(Plan.MONTHLY, at(2027, 1, 31))
    line = renewal_line(license, SEO.offer("pro", Plan.MONTHLY), at(2027, 5, 10))
    assert line.renew_until == at(2027, 6, 10)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (at(2026, 12, 7), 12, at(2027, 12, 7)),
        (at(2026, 3, 31), 1, at(2026, 4, 30)),
        (at(2026, 11, 30), 3, at(2027, 2, 28)),
        (at(2027, 1, 15), -1, at(2026, 12, 15)),
    ],
)
def test_add_months_keeps_the_day_or_the_month_end(start: datetime, months: int, end: datetime) -> None:
    assert add_months(start, months) == end


def test_days_until_counts_calendar_days_and_never_goes_negative() -> None:
    assert days_until(at(2027, 12, 7), datetime(2026, 12, 7, 23, 59, tzinfo=UTC)) == 365
    assert days_until(at(2026, 12, 7), at(2026, 12, 9)) == 0
