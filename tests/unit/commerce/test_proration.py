"""Issue 22: the proration arithmetic of plan changes, as Stripe prorates (credit the unused time of the old
plan, charge the new plan's time), checked on examples and as properties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpdesk.commerce.model.proration import period_start, prorate, share
from helpdesk.kernel.calendar import MONTH, YEAR
from helpdesk.licensing.public import Money
from hypothesis import given
from hypothesis import strategies as st

START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2026, 12, 1, tzinfo=UTC)  # a 30-day month
amounts = st.integers(min_value=0, max_value=10_000_000)
seconds = st.integers(min_value=0, max_value=int((END - START).total_seconds()))


def eur(amount: int) -> Money:
    return Money(amount, "EUR")


def test_an_upgrade_halfway_through_a_month_costs_half_the_difference() -> None:
    change = prorate(eur(1000), eur(2000), START, END, START + timedelta(days=15))
    assert (change.credit, change.charge, change.due, change.ends) == (500, 1000, 500, END)
    assert [line.amount for line in change.lines] == [-500, 1000]
    assert change.lines[0].description == "Unused time on the old plan after 16 Nov 2026"


def test_monthly_to_yearly_starts_a_year_now_and_credits_the_month_left() -> None:
    now = START + timedelta(days=20)
    change = prorate(eur(490), eur(3900), START, END, now, YEAR, "Pro monthly", "Pro yearly")
    assert (change.credit, change.charge, change.due) == (163, 3900, 3737)  # 490 x 10/30 = 163.3
    assert change.ends == datetime(2027, 11, 21, tzinfo=UTC)
    assert change.lines[1].description == "Pro yearly from 21 Nov 2026 to 21 Nov 2027"


def test_a_period_starts_a_term_before_its_end_on_the_anchor_day() -> None:
    bought = datetime(2026, 1, 31, tzinfo=UTC)
    assert period_start(datetime(2026, 3, 31, tzinfo=UTC), MONTH, bought) == datetime(2026, 2, 28, tzinfo=UTC)
    assert period_start(datetime(2026, 2, 28, tzinfo=UTC), MONTH, bought) == bought  # the first period


@given(old=amounts, new=amounts, used=seconds)
def test_credit_and_charge_stay_within_the_prices(old: int, new: int, used: int) -> None:
    change = prorate(eur(old), eur(new), START, END, START + timedelta(seconds=used))
    assert 0 <= change.credit <= old and 0 <= change.charge <= new
    assert change.due == max(0, change.charge - change.credit)
    assert sum(line.amount for line in change.lines) == change.charge - change.credit


@given(price=amounts, used=seconds)
def test_changing_to_the_same_price_costs_nothing(price: int, used: int) -> None:
    assert prorate(eur(price), eur(price), START, END, START + timedelta(seconds=used)).due == 0


@given(price=amounts, used=seconds)
def test_used_and_unused_time_add_up_to_the_price(price: int, used: int) -> None:
    whole = int((END - START).total_seconds())
    unused = prorate(eur(price), eur(price), START, END, START + timedelta(seconds=used)).credit
    assert abs(share(price, used, whole) + unused - price) <= 1  # each side rounded once


@given(old=amounts, new=amounts, a=seconds, b=seconds)
def test_later_changes_credit_less_and_charge_less(old: int, new: int, a: int, b: int) -> None:
    early, late = sorted((a, b))
    first = prorate(eur(old), eur(new), START, END, START + timedelta(seconds=early))
    second = prorate(eur(old), eur(new), START, END, START + timedelta(seconds=late))
    assert second.credit <= first.credit and second.charge <= first.charge


@given(old=amounts, new=amounts)
def test_at_the_start_the_whole_old_price_is_credited_and_at_the_end_nothing(old: int, new: int) -> None:
    assert prorate(eur(old), eur(new), START, END, START).credit == old
    assert prorate(eur(old), eur(new), START, END, END).credit == 0
    assert prorate(eur(old), eur(new), START, END, END, YEAR).charge == new  # a new year costs a year
