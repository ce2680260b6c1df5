"""Exchange rates without network at run time: an ECB-style CSV in S3 (refreshed by whoever publishes it),
with a fixed table from settings as the fallback for currencies the file does not quote."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from helpdesk.billing.model.exchange import DailyRates, ExchangeRate, rate_on
from helpdesk.billing.model.rate_feeds import history_csv

RELOAD_SECONDS = 3600  # a warm Lambda sees a new day's file within the hour


def _day(text: str) -> date:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.strptime(text, "%d %B %Y").date()  # the ECB daily file: "25 November 2026"


def parse_ecb_csv(text: str, base: str = "EUR", publisher: str = "ECB") -> list[DailyRates]:
    """ECB's eurofxref(-hist).csv: `Date,USD,JPY,...`, a row per day in units per one `base`; N/A: none."""
    rows = [r for r in csv.reader(io.StringIO(text.strip())) if r]
    header = [h.strip().upper() for h in rows[0]]
    days = []
    for row in rows[1:]:
        quotes = {}
        for currency, cell in zip(header[1:], row[1:], strict=False):
            try:
                if currency:
                    quotes[currency] = Decimal(cell.strip())
            except InvalidOperation:
                continue  # "N/A" or empty: not quoted that day
        days.append(DailyRates(base, _day(row[0]), quotes, publisher))
    return days


def fixed_rates(entries: list[str], base: str = "EUR") -> DailyRates:
    """`["USD=1.10", "GBP=0.85"]`: units per one `base`, valid on every day (dated at the start of time)."""
    quotes = {k.strip().upper(): Decimal(v) for k, v in (e.split("=", 1) for e in entries)}
    return DailyRates(base, date.min, quotes, "fixed")


class TableRates:
    """Rates from a list of days in memory (the settings table, and tests)."""

    def __init__(self, history: list[DailyRates]) -> None:
        self._history = history

    def rate(self, source: str, target: str, on: date) -> ExchangeRate:
        return rate_on(self._history, source, target, on)


class S3EcbRates:
    def __init__(
        self,
        client: Any,
        bucket: str,
        key: str,
        base: str,
        fallback: list[DailyRates],
        monotonic: Callable[[], float] = time.monotonic,
        also: tuple[tuple[str, str, str], ...] = (),
    ) -> None:
        """`also`: more files (key, base, publisher), e.g. the Central Bank of Russia's history against RUB;
        on each day the main file's rates come first."""
        self._s3, self._bucket, self._key, self._base = client, bucket, key, base
        self._files = ((key, base, "ECB"), *also)
        self._fallback, self._history = fallback, list[DailyRates]()
        # None, not 0, until loaded: the monotonic clock counts from boot, so 0 looks fresh for an hour.
        self._monotonic = monotonic
        self._loaded_at: float | None = None

    def _stale(self) -> bool:
        return self._loaded_at is None or self._monotonic() - self._loaded_at > RELOAD_SECONDS

    def _days(self) -> list[DailyRates]:
        if self._stale():
            files = S3RateFiles(self._s3, self._bucket)
            self._history = [day for key, base, by in self._files for day in files.load(key, base, by)]
            self._loaded_at = self._monotonic()
        return self._history + self._fallback

    def rate(self, source: str, target: str, on: date) -> ExchangeRate:
        return rate_on(self._days(), source, target, on)


class S3RateFiles:
    """The history files in the invoices bucket, in ECB's CSV layout (read here, written by the fetch)."""

    def __init__(self, client: Any, bucket: str) -> None:
        self._s3, self._bucket = client, bucket

    def load(self, key: str, base: str, publisher: str) -> list[DailyRates]:
        try:
            body = self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()
        except self._s3.exceptions.NoSuchKey:
            return []
        return parse_ecb_csv(body.decode("utf-8"), base, publisher)

    def save(self, key: str, history: list[DailyRates]) -> None:
        body = history_csv(history).encode()
        self._s3.put_object(Bucket=self._bucket, Key=key, Body=body, ContentType="text/csv")
