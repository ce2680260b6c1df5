"""Business-hours arithmetic (pure): how much open time lies between two instants, and when a span of open
time ends. Opening hours are wall-clock times in the calendar's zone, so a DST switch or a holiday moves them
in UTC, never the other way round."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from helpdesk.kernel.errors import Invalid

DAY_MINUTES = 24 * 60
MAX_DAYS = 3 * 366  # a calendar open less than once in three years is a mistake, not a calendar


@dataclass(frozen=True)
class OpenHours:
    """One weekday's opening, in minutes after local midnight: [open_minute, close_minute)."""

    weekday: int  # 0 Monday .. 6 Sunday
    open_minute: int
    close_minute: int

    def __post_init__(self) -> None:
        if not (0 <= self.weekday <= 6 and 0 <= self.open_minute < self.close_minute <= DAY_MINUTES):
            raise Invalid(f"opening hours not allowed: {self}")


@dataclass(frozen=True)
class BusinessCalendar:
    name: str
    timezone: str = "UTC"
    hours: tuple[OpenHours, ...] = ()
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise Invalid(f"unknown time zone: {self.timezone!r}") from error
        days = [h.weekday for h in self.hours]
        if len(days) != len(set(days)):
            raise Invalid("one opening per weekday")
        if not self.hours:
            raise Invalid("a calendar needs opening hours on at least one weekday")

    def is_working_day(self, day: date) -> bool:
        """A local day with opening hours that is not a holiday (task deadlines count these)."""
        return day not in self.holidays and any(h.weekday == day.weekday() for h in self.hours)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def windows(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open windows in UTC, in order, from the local day holding `start` (the first may lie before it)."""
        zone, by_day = self.zone, {h.weekday: h for h in self.hours}
        day = start.astimezone(zone).date() - timedelta(
            days=1
        )  # a window of the day before may still be open
        for _ in range(MAX_DAYS):
            opening = by_day.get(day.weekday())
            if opening is not None and day not in self.holidays:
                yield _utc(day, opening.open_minute, zone), _utc(day, opening.close_minute, zone)
            day += timedelta(days=1)
        raise Invalid(f"calendar {self.name!r} is not open within {MAX_DAYS} days")


ALWAYS_OPEN = BusinessCalendar("24/7", "UTC", tuple(OpenHours(d, 0, DAY_MINUTES) for d in range(7)))


def _utc(day: date, minute: int, zone: ZoneInfo) -> datetime:
    wall = datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(minutes=minute)  # wall-clock add
    return wall.astimezone(UTC)


def business_seconds(calendar: BusinessCalendar, start: datetime, end: datetime) -> float:
    """Open time in [start, end), in seconds; 0 when end is not after start."""
    if end <= start:
        return 0.0
    total = 0.0
    for opens, closes in calendar.windows(start):
        if opens >= end:
            break
        total += max(0.0, (min(closes, end) - max(opens, start)).total_seconds())
    return total


def add_business_seconds(calendar: BusinessCalendar, start: datetime, seconds: float) -> datetime:
    """The instant when `seconds` of open time have passed since `start` (at `start` itself for 0)."""
    if seconds <= 0:
        return start
    left = seconds
    for opens, closes in calendar.windows(start):
        if closes <= start:
            continue
        begin = max(opens, start)
        room = (closes - begin).total_seconds()
        if room >= left:
            return begin + timedelta(seconds=left)
        left -= room
    raise AssertionError("windows() ends by raising")  # pragma: no cover
