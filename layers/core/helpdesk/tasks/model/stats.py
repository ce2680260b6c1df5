"""A project's statistics: counts, overdue, lead and cycle time, time logged vs estimated, throughput."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from helpdesk.tasks.model.task import Task
from helpdesk.tasks.model.workflow import StatusCategory, Workflow
from helpdesk.tasks.model.working_days import EveryDay, WorkingDays, due_soon_until

WEEKS_SHOWN = 8


@dataclass(frozen=True)
class AssigneeLoad:
    assignee: str
    open: int
    done: int
    logged_minutes: int


@dataclass(frozen=True)
class ProjectStats:
    project: str
    by_status: dict[str, int]
    open: int
    overdue: int
    due_soon: int
    lead_time_hours: float | None  # median, created -> finished, of done tasks
    cycle_time_hours: float | None  # median, first started -> finished
    logged_minutes: int
    billable_minutes: int
    estimated_minutes: int
    throughput: list[tuple[str, int]]  # (ISO week monday, tasks done that week), oldest first
    assignees: list[AssigneeLoad]


def project_stats(
    project: str,
    tasks: Iterable[Task],
    workflow: Workflow,
    now: datetime,
    days: WorkingDays | None = None,
) -> ProjectStats:
    tasks = list(tasks)
    today = now.date()
    category = {t.id: workflow.category(t.status) for t in tasks}
    open_ = [t for t in tasks if category[t.id] in (StatusCategory.TODO, StatusCategory.ACTIVE)]
    done = [t for t in tasks if category[t.id] is StatusCategory.DONE and t.finished_at]
    soon = due_soon_until(days or EveryDay(), today)
    by_status = Counter(t.status for t in tasks)
    return ProjectStats(
        project=project,
        by_status={name: by_status.get(name, 0) for name in workflow.names()},
        open=len(open_),
        overdue=sum(1 for t in open_ if t.due and t.due < today),
        due_soon=sum(1 for t in open_ if t.due and today <= t.due <= soon),
        lead_time_hours=_median_hours((t.created_at, t.finished_at) for t in done),
        cycle_time_hours=_median_hours((t.started_at, t.finished_at) for t in done if t.started_at),
        logged_minutes=sum(t.logged_minutes for t in tasks),
        billable_minutes=sum(e.minutes for t in tasks for e in t.time if e.billable),
        estimated_minutes=sum(t.estimate_minutes or 0 for t in tasks),
        throughput=_throughput(done, today),
        assignees=_assignees(tasks, category),
    )


def _median_hours(spans: Iterable[tuple[datetime | None, datetime | None]]) -> float | None:
    hours = [(end - start).total_seconds() / 3600 for start, end in spans if start and end]
    return round(median(hours), 1) if hours else None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _throughput(done: list[Task], today: date) -> list[tuple[str, int]]:
    this_week = _monday(today)
    weeks = [this_week - timedelta(weeks=n) for n in range(WEEKS_SHOWN - 1, -1, -1)]
    counts = Counter(_monday(t.finished_at.date()) for t in done if t.finished_at)
    return [(week.isoformat(), counts.get(week, 0)) for week in weeks]


def _assignees(tasks: list[Task], category: dict[str, StatusCategory]) -> list[AssigneeLoad]:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for task in tasks:
        row = rows[task.assignee or ""]
        kind = category[task.id]
        row[0] += kind in (StatusCategory.TODO, StatusCategory.ACTIVE)
        row[1] += kind is StatusCategory.DONE
        row[2] += task.logged_minutes
    return [AssigneeLoad(name, *row) for name, row in sorted(rows.items())]
