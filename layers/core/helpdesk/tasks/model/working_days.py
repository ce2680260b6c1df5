"""Deadlines in working days: "due soon" means within the next few days the team works, and lateness counts
the working days missed. The days come from the desk's business calendar (an SLA calendar: its weekdays with
opening hours, minus its holidays) where one is chosen, else every calendar day counts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

DUE_SOON_WORKING_DAYS = 3
MAX_SCAN_DAYS = 3 * 366


class WorkingDays(Protocol):
    def is_working_day(self, day: date) -> bool: ...


class EveryDay:
    """No business calendar: every calendar day is a working day."""

    def is_working_day(self, day: date) -> bool:
        return True


def add_working_days(days: WorkingDays, start: date, count: int) -> date:
    """The `count`-th working day after `start` (`start` itself when `count` is 0)."""
    day, left = start, count
    for _ in range(MAX_SCAN_DAYS):
        if left <= 0:
            return day
        day += timedelta(days=1)
        left -= days.is_working_day(day)
    return day  # a calendar that never works: stop scanning, the deadline is simply far away


def working_days_between(days: WorkingDays, start: date, end: date) -> int:
    """Working days in (start, end]: how late a task due on `start` is on `end`."""
    span = min((end - start).days, MAX_SCAN_DAYS)
    return sum(days.is_working_day(start + timedelta(days=n)) for n in range(1, span + 1))


def due_soon_until(days: WorkingDays, today: date) -> date:
    return add_working_days(days, today, DUE_SOON_WORKING_DAYS)
