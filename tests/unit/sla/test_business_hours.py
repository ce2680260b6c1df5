"""Business-hours arithmetic against a slow reference that walks minute by minute through local wall time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.sla.model.hours import BusinessCalendar, OpenHours, add_business_seconds, business_seconds
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.unit

# Opening edges avoid 01:00-04:00 local, where DST switches happen (a window edge inside a repeated or
# skipped hour has no single meaning); midnight edges are allowed, so 24-hour days are covered.
EDGES = [0, *range(240, 1441, 30)]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Europe/Moscow", "Asia/Kolkata"]


def slow_is_open(calendar: BusinessCalendar, instant: datetime) -> bool:
    local = instant.astimezone(calendar.zone)
    if local.date() in calendar.holidays:
        return False
    minute = local.hour * 60 + local.minute
    return any(
        h.weekday == local.weekday() and h.open_minute <= minute < h.close_minute for h in calendar.hours
    )


def slow_seconds(calendar: BusinessCalendar, start: datetime, end: datetime) -> float:
    minutes, t = 0, start
    while t < end:
        minutes += slow_is_open(calendar, t)
        t += timedelta(minutes=1)
    return minutes * 60.0


def slow_add(calendar: BusinessCalendar, start: datetime, minutes: int) -> datetime:
    t = start
    while minutes:
        if slow_is_open(calendar, t):
            minutes -= 1
        t += timedelta(minutes=1)
    # the end of the last counted minute; a reference without look-ahead answers that instant
    return t


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    days = draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))
    hours = []
    for day in sorted(days):
        a, b = sorted(draw(st.lists(st.sampled_from(EDGES), min_size=2, max_size=2, unique=True)))
        hours.append(OpenHours(day, a, b))
    holidays = draw(st.sets(st.dates(date(2026, 3, 1), date(2026, 4, 30)), max_size=6))
    return BusinessCalendar("c", draw(st.sampled_from(ZONES)), tuple(hours), frozenset(holidays))


# Spring and autumn switches of both hemispheres fall in March-April 2026.
instants = st.datetimes(datetime(2026, 3, 4), datetime(2026, 4, 6)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC)
)


@settings(max_examples=120, deadline=None)
@given(calendars(), instants, st.integers(0, 9 * 24 * 60))
def test_open_time_between_two_instants_matches_the_minute_walk(cal, start, span):
    end = start + timedelta(minutes=span)
    assert business_seconds(cal, start, end) == slow_seconds(cal, start, end)


@settings(max_examples=120, deadline=None)
@given(calendars(), instants, st.integers(1, 30 * 60))
def test_adding_open_time_matches_the_minute_walk(cal, start, minutes):
    due = add_business_seconds(cal, start, minutes * 60)
    reference = slow_add(cal, start, minutes)
    # both are the end of the same last open minute
    assert due == reference
    assert business_seconds(cal, start, due) == minutes * 60


BERLIN_WEEKDAYS = tuple(OpenHours(d, 9 * 60, 17 * 60) for d in range(5))


def test_a_friday_afternoon_target_lands_on_monday_across_the_weekend():
    cal = BusinessCalendar("berlin", "Europe/Berlin", BERLIN_WEEKDAYS)
    friday_4pm = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # 16:00 in Berlin
    assert add_business_seconds(cal, friday_4pm, 4 * 3600) == datetime(2026, 12, 7, 11, 0, tzinfo=UTC)


def test_a_holiday_is_skipped_like_a_weekend():
    cal = BusinessCalendar("berlin", "Europe/Berlin", BERLIN_WEEKDAYS, frozenset({date(2026, 12, 7)}))
    friday_4pm = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert add_business_seconds(cal, friday_4pm, 4 * 3600) == datetime(2026, 12, 8, 11, 0, tzinfo=UTC)


def test_opening_hours_follow_the_wall_clock_across_a_dst_switch():
    cal = BusinessCalendar("berlin", "Europe/Berlin", BERLIN_WEEKDAYS)
    friday_4pm_winter = datetime(2026, 3, 27, 15, 0, tzinfo=UTC)  # CET; Monday 30 March is CEST
    # 1 h on Friday, then Monday 09:00 CEST = 07:00 UTC, plus 1 h
    assert add_business_seconds(cal, friday_4pm_winter, 2 * 3600) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_a_calendar_without_hours_or_with_a_bad_zone_is_refused():
    with pytest.raises(Invalid):
        BusinessCalendar("none", "UTC", ())
    with pytest.raises(Invalid):
        BusinessCalendar("bad", "Mars/Olympus", BERLIN_WEEKDAYS)
    with pytest.raises(Invalid):
        OpenHours(0, 600, 540)


def test_a_round_the_clock_day_of_the_spring_switch_has_23_open_hours():
    cal = BusinessCalendar("24/7 berlin", "Europe/Berlin", tuple(OpenHours(d, 0, 1440) for d in range(7)))
    midnight = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)  # 29 March 00:00 CET
    next_midnight = datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # 30 March 00:00 CEST
    assert business_seconds(cal, midnight, next_midnight) == 23 * 3600
    assert slow_seconds(cal, midnight, next_midnight) == 23 * 3600


def test_on_the_switch_day_itself_opening_is_at_the_new_offset():
    cal = BusinessCalendar("sundays", "Europe/Berlin", (OpenHours(6, 9 * 60, 17 * 60),))
    # Sunday 29 March 2026: clocks go 02:00 CET -> 03:00 CEST, so 09:00 is 07:00 UTC
    start = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    assert add_business_seconds(cal, start, 60) == datetime(2026, 3, 29, 7, 1, tzinfo=UTC)
