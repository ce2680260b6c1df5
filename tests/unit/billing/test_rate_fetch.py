"""Fetched reference rates: both publications read, retried, merged into their history files, converted with
the rate's date and publisher named, and staleness in business days; the network is never touched."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from helpdesk.billing.adapters.exchange_rates import TableRates, parse_ecb_csv
from helpdesk.billing.adapters.rate_feeds import FixtureRateFeed
from helpdesk.billing.model.exchange import DailyRates
from helpdesk.billing.model.rate_feeds import (
    FeedUnreadable,
    business_days_since,
    history_csv,
    parse_cbr_daily,
    parse_ecb_daily,
    stale,
)
from helpdesk.billing.services.rate_fetch import RateFetcher, RateSource
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Unavailable

pytestmark = pytest.mark.unit
FIXTURES = Path(__file__).parents[3] / "infra/local/helpdesk_local/rate_fixtures"
MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class MemoryFiles:
    def __init__(self) -> None:
        self.files: dict[str, str] = {}

    def load(self, key: str, base: str, publisher: str) -> list[DailyRates]:
        return parse_ecb_csv(self.files[key], base, publisher) if key in self.files else []

    def save(self, key: str, history: list[DailyRates]) -> None:
        self.files[key] = history_csv(history)  # the layout the S3 adapter writes


def sources() -> list[RateSource]:
    return [
        RateSource("ECB", "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml", "rates/ecb.csv",
                   "EUR", parse_ecb_daily),
        RateSource("CBR", "https://www.cbr.ru/scripts/XML_daily.asp", "rates/cbr.csv", "RUB",
                   parse_cbr_daily),
    ]  # fmt: skip


def test_both_publications_are_fetched_with_retries_and_kept_as_history() -> None:
    clock, files, waits = FixedClock(MONDAY), MemoryFiles(), list[float]()
    feed = FixtureRateFeed(FIXTURES, lambda: clock.now().date(), fail_first=2)
    fetcher = RateFetcher(feed, files, sources(), clock, waits.append)
    reports = fetcher.run()
    assert waits == [1, 2]  # two failures, then the ECB file
    assert [(r.publisher, r.newest, r.stale, r.error) for r in reports] == [
        ("ECB", date(2026, 12, 7), False, ""), ("CBR", date(2026, 12, 7), False, "")]  # fmt: skip
    ecb = parse_ecb_csv(files.files["rates/ecb.csv"], "EUR", "ECB")
    cbr = parse_ecb_csv(files.files["rates/cbr.csv"], "RUB", "CBR")
    rates = TableRates(ecb + cbr)
    usd = rates.rate("EUR", "USD", date(2026, 12, 7))
    assert (usd.rate, usd.publisher, usd.published) == (Decimal("1.0537"), "ECB", date(2026, 12, 7))
    rub = rates.rate("EUR", "RUB", date(2026, 12, 8))
    assert (rub.rate, rub.publisher) == (Decimal("97.08"), "CBR")
    assert rub.named == "97.08 RUB per EUR (2026-12-07, CBR)"
    cny = rates.rate("CNY", "RUB", date(2026, 12, 7))
    assert cny.rate == Decimal("12.65")  # 126.50 RUB per 10 CNY


def test_a_failed_fetch_keeps_the_history_and_goes_stale_after_two_business_days() -> None:
    clock, files = FixedClock(MONDAY), MemoryFiles()
    RateFetcher(
        FixtureRateFeed(FIXTURES, lambda: date(2026, 12, 2)), files, sources(), clock, lambda s: None
    ).run()
    before = dict(files.files)
    broken = FixtureRateFeed(FIXTURES, lambda: clock.now().date(), fail_first=99)
    reports = RateFetcher(broken, files, sources(), clock, lambda s: None).run()
    assert files.files == before
    assert all(
        r.error and r.newest == date(2026, 12, 2) and r.age_business_days == 3 and r.stale for r in reports
    )
    today = MONDAY.date()
    assert [business_days_since(date(2026, 12, 4), today), stale(date(2026, 12, 3), today)] == [1, False]


def test_an_error_page_is_not_rates() -> None:
    for parse in (parse_ecb_daily, parse_cbr_daily):
        with pytest.raises(FeedUnreadable):
            parse(b"<html><body>Service unavailable</body></html>")
    with pytest.raises(Unavailable):
        FixtureRateFeed(FIXTURES, lambda: MONDAY.date()).fetch("https://example.com/missing.xml")
