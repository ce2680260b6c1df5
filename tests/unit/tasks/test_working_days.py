"""Task deadlines count working days of the desk's business calendar: weekends and holidays are skipped by
"due soon" and by lateness; without a calendar every day counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from helpdesk.sla.model.hours import BusinessCalendar, OpenHours
from helpdesk.tasks.model.stats import project_stats
from helpdesk.tasks.model.task import Task
from helpdesk.tasks.model.workflow import Workflow
from helpdesk.tasks.model.working_days import EveryDay, add_working_days, due_soon_until, working_days_between
from hypothesis import given
from hypothesis import strategies as st

pytestmark = pytest.mark.unit
FRIDAY = date(2026, 12, 4)
NEW_YEAR = date(2027, 1, 1)
OFFICE = BusinessCalendar(
    "office", "Europe/Berlin", tuple(OpenHours(d, 9 * 60, 18 * 60) for d in range(5)), frozenset({NEW_YEAR})
)


def test_due_soon_from_friday_reaches_wednesday_over_the_weekend() -> None:
    assert due_soon_until(OFFICE, FRIDAY) == date(2026, 12, 9)
    assert due_soon_until(EveryDay(), FRIDAY) == date(2026, 12, 7)


def test_lateness_skips_the_weekend_and_holidays() -> None:
    assert working_days_between(OFFICE, FRIDAY, date(2026, 12, 7)) == 1  # due Friday, Monday: one day late
    assert working_days_between(OFFICE, date(2026, 12, 31), date(2027, 1, 4)) == 1  # New Year is off
    assert working_days_between(EveryDay(), FRIDAY, date(2026, 12, 7)) == 3


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)), st.integers(0, 40))
def test_adding_n_working_days_is_n_working_days_later(start: date, n: int) -> None:
    end = add_working_days(OFFICE, start, n)
    assert working_days_between(OFFICE, start, end) == n
    assert end == start or OFFICE.is_working_day(end)


def test_project_stats_count_due_soon_in_working_days() -> None:
    now = datetime(2026, 12, 4, 12, tzinfo=UTC)  # a Friday
    tasks = [
        Task(id=f"t{n}", key=f"ACME-{n}", project="ACME", number=n, title="x", status="todo", reporter="anna",
             created_at=now, due=FRIDAY + timedelta(days=n))
        for n in (3, 5, 6)
    ]  # fmt: skip
    by_calendar = project_stats("ACME", tasks, Workflow.default(), now, OFFICE)
    by_day = project_stats("ACME", tasks, Workflow.default(), now)
    assert (by_calendar.due_soon, by_day.due_soon) == (2, 1)  # Wednesday is soon only at the office
