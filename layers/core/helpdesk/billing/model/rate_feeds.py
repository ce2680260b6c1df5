"""The two daily reference-rate publications we fetch, read into `DailyRates`, and the history file they are
kept in (ECB's CSV layout), plus how stale a publication is in business days (pure)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import date, datetime, timedelta
from decimal import Decimal

from helpdesk.billing.model.exchange import DailyRates
from helpdesk.kernel.errors import Invalid

ECB_NS = "{http://www.ecb.int/vocabulary/2002-08-01/eurofxref}"
STALE_AFTER_BUSINESS_DAYS = 2


class FeedUnreadable(Invalid):
    """The publication is not the XML we expect (an error page, a changed format)."""


def parse_ecb_daily(xml: bytes) -> DailyRates:
    """eurofxref-daily.xml: <Cube time="2026-12-04"><Cube currency="USD" rate="1.0537"/>...: units per EUR."""
    try:
        root = ElementTree.fromstring(xml)
        day_cube = next(c for c in root.iter(f"{ECB_NS}Cube") if c.get("time"))
        quotes = {c.attrib["currency"]: Decimal(c.attrib["rate"]) for c in day_cube}
        return DailyRates("EUR", date.fromisoformat(day_cube.attrib["time"]), quotes, "ECB")
    except (ElementTree.ParseError, StopIteration, KeyError, ValueError, ArithmeticError) as error:
        raise FeedUnreadable(f"not the ECB daily reference rates: {error}") from error


def parse_cbr_daily(xml: bytes) -> DailyRates:
    """XML_daily.asp: <ValCurs Date="05.12.2026"><Valute><CharCode>EUR</CharCode><Nominal>1</Nominal>
    <Value>97,1234</Value>: RUB per Nominal units; kept as units per one RUB, like ECB's per one EUR."""
    try:
        root = ElementTree.fromstring(xml)
        day = datetime.strptime(root.attrib["Date"], "%d.%m.%Y").date()
        quotes = {}
        for v in root.iter("Valute"):
            nominal = Decimal(v.findtext("Nominal", "").strip())
            rubles = Decimal(v.findtext("Value", "").strip().replace(",", "."))
            quotes[v.findtext("CharCode", "").strip()] = nominal / rubles
        if not quotes:
            raise ValueError("no Valute")
        return DailyRates("RUB", day, quotes, "CBR")
    except (ElementTree.ParseError, KeyError, ValueError, ArithmeticError) as error:
        raise FeedUnreadable(f"not the Central Bank of Russia's daily rates: {error}") from error


def merged(history: list[DailyRates], day: DailyRates) -> list[DailyRates]:
    """The history with `day` replacing any earlier copy of it, newest first."""
    kept = [d for d in history if d.day != day.day]
    return sorted([*kept, day], key=lambda d: d.day, reverse=True)


def history_csv(history: list[DailyRates]) -> str:
    """ECB's eurofxref-hist.csv layout (newest first, N/A where a day has no quote), read by parse_ecb_csv."""
    currencies = sorted({c for d in history for c in d.quotes})
    rows = ["Date," + ",".join(currencies)]
    for d in history:
        rows.append(
            f"{d.day.isoformat()},"
            + ",".join(str(d.quotes[c]) if c in d.quotes else "N/A" for c in currencies)
        )
    return "\n".join(rows) + "\n"


def business_days_since(published: date, today: date) -> int:
    """Weekdays after `published` up to and including `today` (holidays count as business days)."""
    days, current = 0, published
    while current < today:
        current += timedelta(days=1)
        days += current.weekday() < 5
    return days


def stale(published: date | None, today: date) -> bool:
    return published is None or business_days_since(published, today) > STALE_AFTER_BUSINESS_DAYS
