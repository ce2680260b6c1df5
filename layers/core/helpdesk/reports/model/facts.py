"""Facts: the compact roll-up items a report sums. One fact per source item (or per part of one), stored
under a key derived from its source, so applying a stream record twice writes the same fact twice (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ReportKind(StrEnum):
    SALES = "sales"
    SUPPORT = "support"
    WORK = "work"
    LICENSES = "licenses"


# Facts that describe a standing state (open tickets, licenses) are kept in one partition, not per month.
STANDING = "standing"


@dataclass(frozen=True)
class Fact:
    report: ReportKind
    source: str  # unique per source item and part: "invoice#<id>#1", "ticket-in#<id>"
    day: date | None  # the day it counts on; None for a standing fact
    dims: dict[str, str] = field(default_factory=dict)  # what rows group by
    values: dict[str, int] = field(default_factory=dict)  # what rows sum (minor units, minutes, counts)

    @property
    def partition(self) -> str:
        return f"{self.report.value}#{self.day:%Y-%m}" if self.day else f"{self.report.value}#{STANDING}"


def months(start: date, end: date) -> list[str]:
    """`YYYY-MM` of every month start..end touches."""
    found, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
