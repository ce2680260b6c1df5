"""Calendar terms: a month or a year from a date is the same day then, clamped to the month's end (pure).

A subscription bought on Dec 7 runs until Dec 7 next year, not for a fixed 365 or 366 days; one bought on
Jan 31 ends on Feb 28 (29), and the next month goes back to the 31st (the anchor day, as Stripe bills).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime


def add_months(when: datetime, months: int, anchor_day: int | None = None) -> datetime:
    """`when` moved by whole months; the day is `anchor_day` (default: `when`'s), at most the month's last."""
    index = when.year * 12 + when.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return when.replace(year=year, month=month + 1, day=min(anchor_day or when.day, last))


def days_until(end: datetime, now: datetime) -> int:
    """Whole calendar days from `now`'s date to `end`'s (UTC dates when both are UTC); never negative."""
    return max(0, (end.date() - now.date()).days)


@dataclass(frozen=True)
class Term:
    """A subscription's period in whole months (1: monthly, 12: yearly)."""

    months: int

    def after(self, start: datetime, anchor_day: int | None = None) -> datetime:
        return add_months(start, self.months, anchor_day)

    def next_end(self, end: datetime, first_start: datetime) -> datetime:
        """The period after the one ending at `end`, keeping the day of the first period's start when
        a short month had clamped `end` (Jan 31 -> Feb 28 -> Mar 31)."""
        clamped = end.day == calendar.monthrange(end.year, end.month)[1] and first_start.day > end.day
        return self.after(end, first_start.day if clamped else None)

    @property
    def label(self) -> str:
        return "1-month term" if self.months == 1 else f"{self.months}-month term"


MONTH = Term(1)
YEAR = Term(12)
