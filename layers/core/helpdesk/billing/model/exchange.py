"""Currency conversion in integer minor units, at a dated rate, rounded half away from zero (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from helpdesk.kernel.errors import Unavailable

# ISO 4217 exponents that are not 2; everything else has cents.
RATE_PLACES = Decimal("0.0000000001")  # rates are kept to 10 decimal places, then fixed on the invoice


class RateMissing(Unavailable):
    """No published rate for this currency on or before the date asked for."""


@dataclass(frozen=True)
class ExchangeRate:
    source: str
    target: str
    rate: Decimal  # units of target per one unit of source
    published: date  # the day the rate was published (on or before the invoice date)
    publisher: str = ""  # whose reference rate: "ECB", "CBR", "fixed" (settings), "" before this was kept

    @property
    def named(self) -> str:
        """How a document names it: rate, date and source."""
        by = f", {self.publisher}" if self.publisher else ""
        return f"{self.rate.normalize():f} {self.target} per {self.source} ({self.published.isoformat()}{by})"


@dataclass(frozen=True)
class DailyRates:
    """One day's quotes against a base currency, ECB-style: `quotes[X]` units of X for one unit of base."""

    base: str
    day: date
    quotes: dict[str, Decimal]
    publisher: str = ""

    def cross(self, source: str, target: str) -> ExchangeRate:
        quotes = {**self.quotes, self.base: Decimal(1)}
        for currency in (source, target):
            if currency not in quotes or quotes[currency] <= 0:
                raise RateMissing(f"no {currency} rate against {self.base} on {self.day}")
        rate = (quotes[target] / quotes[source]).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
        return ExchangeRate(source, target, rate, self.day, self.publisher)


def rate_on(history: list[DailyRates], source: str, target: str, on: date) -> ExchangeRate:
    """The latest publication on or before `on` that quotes both currencies (at weekends: Friday's)."""
    if source == target:
        return ExchangeRate(source, target, Decimal(1), on)
    for day in sorted((d for d in history if d.day <= on), key=lambda d: d.day, reverse=True):
        try:
            return day.cross(source, target)
        except RateMissing:
            continue
    raise RateMissing(f"no {source}->{target} rate published on or before {on}")
