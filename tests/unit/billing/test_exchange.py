"""Conversion in minor units, the rate of the invoice date, and the ECB-style rates file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from helpdesk.billing.adapters.exchange_rates import TableRates, fixed_rates, parse_ecb_csv
from helpdesk.billing.model.exchange import DailyRates, RateMissing, rate_on
from helpdesk.kernel.money import convert

pytestmark = pytest.mark.unit
HISTORY = [
    DailyRates("EUR", date(2026, 11, 20), {"USD": Decimal("1.05"), "JPY": Decimal("160")}),  # a Friday
    DailyRates("EUR", date(2026, 11, 23), {"USD": Decimal("1.10")}),
]


@pytest.mark.parametrize(
    ("amount", "source", "target", "rate", "expected"),
    [
        (4300, "USD", "EUR", "0.9090909091", 3909),  # 39.0909 -> 39.09
        (5, "USD", "EUR", "0.9", 5),  # 4.5 cents -> 5
        (-5, "USD", "EUR", "0.9", -5),  # symmetric for credit notes
        (1000, "JPY", "EUR", "0.00625", 625),  # JPY has no minor unit: 1000 yen = 6.25 EUR
        (625, "EUR", "JPY", "160", 1000),
        (10000, "RUB", "EUR", "0.01", 100),
    ],
)
def test_convert_respects_minor_units_and_rounds_half_away_from_zero(  # type: ignore[no-untyped-def]
    amount, source, target, rate, expected
) -> None:
    assert convert(amount, source, target, Decimal(rate)) == expected


def test_the_rate_is_the_latest_published_on_or_before_the_day() -> None:
    assert rate_on(HISTORY, "USD", "EUR", date(2026, 11, 22)).rate == Decimal(
        "0.9523809524"
    )  # Sunday: Friday's
    monday = rate_on(HISTORY, "USD", "EUR", date(2026, 11, 24))
    assert (monday.rate, monday.published) == (Decimal("0.9090909091"), date(2026, 11, 23))
    assert rate_on(HISTORY, "EUR", "USD", date(2026, 11, 23)).rate == Decimal("1.1")
    # JPY is not quoted on the 23rd: the 20th's cross rate through EUR
    assert rate_on(HISTORY, "JPY", "USD", date(2026, 11, 24)).rate == Decimal("0.0065625")
    assert rate_on(HISTORY, "GBP", "GBP", date(2026, 11, 24)).rate == 1
    for source, day in (("USD", date(2026, 11, 19)), ("GBP", date(2026, 11, 24))):
        with pytest.raises(RateMissing):
            rate_on(HISTORY, source, "EUR", day)


def test_the_ecb_files_parse_in_both_layouts() -> None:
    history = parse_ecb_csv("Date,USD,JPY,RUB,\n2026-11-24,1.1000,161.2,N/A,\n2026-11-23,1.0900,160.1,N/A,\n")
    assert [d.day for d in history] == [date(2026, 11, 24), date(2026, 11, 23)]
    assert history[0].quotes == {"USD": Decimal("1.1000"), "JPY": Decimal("161.2")}  # N/A: not quoted
    daily = parse_ecb_csv("Date, USD, JPY, \n24 November 2026, 1.1000, 161.20, \n")
    assert daily[0].day == date(2026, 11, 24) and daily[0].quotes["JPY"] == Decimal("161.20")


def test_the_fixed_table_is_the_fallback_for_currencies_the_file_lacks() -> None:
    rates = TableRates(HISTORY + [fixed_rates(["GBP=0.85", "usd=2"])])
    assert rates.rate("GBP", "EUR", date(2026, 11, 24)).rate == Decimal("1.1764705882")
    assert rates.rate("USD", "EUR", date(2026, 11, 24)).published == date(2026, 11, 23)  # the file wins
