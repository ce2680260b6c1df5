"""The daily fetch of reference rates: each publication is fetched with retries, read, and merged into its
history file in S3 (which `S3EcbRates` reads); the report says how old each source's newest day is."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from helpdesk.billing.model.exchange import DailyRates
from helpdesk.billing.model.rate_feeds import business_days_since, merged, stale
from helpdesk.billing.ports import RateFeed, RateFiles
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid, Unavailable

ATTEMPTS = 4


@dataclass(frozen=True)
class RateSource:
    publisher: str  # ECB, CBR
    url: str
    key: str  # its history file
    base: str
    parse: Callable[[bytes], DailyRates]


@dataclass(frozen=True)
class SourceReport:
    publisher: str
    newest: date | None
    age_business_days: int | None
    stale: bool
    error: str = ""


class RateFetcher:
    def __init__(
        self,
        feed: RateFeed,
        files: RateFiles,
        sources: list[RateSource],
        clock: Clock,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._feed, self._files, self._sources, self._clock, self._sleep = feed, files, sources, clock, sleep

    def run(self) -> list[SourceReport]:
        return [self._fetch(source) for source in self._sources]

    def _fetch(self, source: RateSource) -> SourceReport:
        history = self._files.load(source.key, source.base, source.publisher)
        error = ""
        try:
            day = source.parse(self._body(source.url))
            history = merged(history, day)
            self._files.save(source.key, history)
        except (Unavailable, Invalid) as failure:
            error = str(failure)  # the history stays as it was; the staleness alarm tells when this lasts
        newest = max((d.day for d in history), default=None)
        today = self._clock.now().date()
        age = business_days_since(newest, today) if newest else None
        return SourceReport(source.publisher, newest, age, stale(newest, today), error)

    def _body(self, url: str) -> bytes:
        for attempt in range(ATTEMPTS):
            try:
                return self._feed.fetch(url)
            except Unavailable:
                if attempt == ATTEMPTS - 1:
                    raise
                self._sleep(2**attempt)  # 1, 2, 4 s: a publisher's brief outage passes
        raise AssertionError("unreachable")
