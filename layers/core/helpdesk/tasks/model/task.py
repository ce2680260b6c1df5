"""A task (`ACME-12`): what is to be done, by whom, by when, what it came from, and every change to it.

Each field remembers when it was last written; a write older than that loses (last writer wins per field)
and is kept in the history as the loser, so a late Jira webhook never silently undoes a newer console edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tasks.model.workflow import StatusCategory, Workflow


class TaskNotFound(NotFound):
    """No such task (or not one the caller may see)."""


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Origin(StrEnum):
    """Where a change came from; changes from Jira are never sent back to Jira."""

    CONSOLE = "console"
    JIRA = "jira"


EDITABLE = (
    "title",
    "description",
    "status",
    "assignee",
    "priority",
    "due",
    "estimate_minutes",
    "labels",
    "parent_id",
    "result",
)


@dataclass(frozen=True)
class Change:
    """One line of the audit history. `lost`: the write came later than a newer one and was not applied."""

    at: datetime
    by: str
    field: str
    old: str | None
    new: str | None
    origin: Origin = Origin.CONSOLE
    lost: bool = False


@dataclass(frozen=True)
class TimeEntry:
    at: datetime
    by: str
    minutes: int
    billable: bool


@dataclass(frozen=True)
class Comment:
    id: str
    at: datetime
    by: str
    text: str
    internal: bool = True
    origin: Origin = Origin.CONSOLE


@dataclass(frozen=True)
class TaskFile:
    """A file attached to a task (a mock-up, a log, a spec), kept in the attachments bucket under `key`."""

    key: str
    filename: str
    content_type: str
    size: int
    at: datetime
    by: str


MAX_TASK_FILES = 50


@dataclass(frozen=True)
class Task:
    id: str
    key: str
    project: str
    number: int
    title: str
    status: str
    reporter: str
    created_at: datetime
    description: str = ""
    assignee: str | None = None
    priority: Priority = Priority.NORMAL
    due: date | None = None
    estimate_minutes: int | None = None
    labels: tuple[str, ...] = ()
    parent_id: str | None = None
    ticket_ids: tuple[str, ...] = ()
    order_ids: tuple[str, ...] = ()
    message_ids: tuple[str, ...] = ()
    attachments: tuple[TaskFile, ...] = ()
    result: str = ""
    time: tuple[TimeEntry, ...] = ()
    comments: tuple[Comment, ...] = ()
    history: tuple[Change, ...] = ()
    stamps: dict[str, str] = field(default_factory=dict)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    updated_at: datetime | None = None
    jira_key: str | None = None
    version: int = 0

    @property
    def logged_minutes(self) -> int:
        return sum(entry.minutes for entry in self.time)

    def is_overdue(self, today: date, workflow: Workflow) -> bool:
        open_ = workflow.category(self.status) in (StatusCategory.TODO, StatusCategory.ACTIVE)
        return open_ and self.due is not None and self.due < today

    def edit(
        self, changes: dict[str, Any], workflow: Workflow, by: str, at: datetime, origin: Origin
    ) -> Task:
        """Apply field changes; a field written more recently than `at` keeps its value and the loser is
        recorded. Jira has its own workflow, so moves from Jira only need a status this project knows."""
        task, history, stamps = self, list(self.history), dict(self.stamps)
        for name, value in changes.items():
            if name not in EDITABLE:
                raise Invalid(f"{name} cannot be changed")
            old = getattr(task, name)
            if value == old:
                continue
            last = stamps.get(name)
            if last is not None and at < datetime.fromisoformat(last):
                history.append(Change(at, by, name, _text(old), _text(value), origin, lost=True))
                continue
            if name == "status":
                if origin is Origin.JIRA:
                    workflow.category(value)
                else:
                    workflow.check_move(old, value)
                task = task._moved(value, workflow, at)
            task = replace(task, **{name: value})
            stamps[name] = at.isoformat()
            history.append(Change(at, by, name, _text(old), _text(value), origin))
        if len(history) == len(self.history):
            return self
        return replace(task, history=tuple(history), stamps=stamps, updated_at=at)

    def _moved(self, status: str, workflow: Workflow, at: datetime) -> Task:
        category = workflow.category(status)
        started = self.started_at or (at if category is not StatusCategory.TODO else None)
        finished = at if category in (StatusCategory.DONE, StatusCategory.CANCELLED) else None
        return replace(self, started_at=started, finished_at=finished)

    def log_time(self, entry: TimeEntry) -> Task:
        if entry.minutes <= 0 or entry.minutes > 24 * 60:
            raise Invalid("minutes must be between 1 and 1440")
        change = Change(
            entry.at, entry.by, "time", None, f"{entry.minutes}m" + (" billable" * entry.billable)
        )
        return replace(self, time=(*self.time, entry), history=(*self.history, change), updated_at=entry.at)

    def attach(self, files: tuple[TaskFile, ...]) -> Task:
        if not files:
            raise Invalid("attach at least one file")
        if len(self.attachments) + len(files) > MAX_TASK_FILES:
            raise Invalid(f"a task holds at most {MAX_TASK_FILES} files")
        changes = tuple(Change(f.at, f.by, "attachment", None, f.filename) for f in files)
        return replace(
            self,
            attachments=(*self.attachments, *files),
            history=(*self.history, *changes),
            updated_at=files[-1].at,
        )

    def add_comment(self, comment: Comment) -> Task:
        if not comment.text.strip():
            raise Invalid("a comment needs text")
        kind = "internal comment" if comment.internal else "comment"
        change = Change(comment.at, comment.by, kind, None, comment.id, comment.origin)
        return replace(
            self, comments=(*self.comments, comment), history=(*self.history, change), updated_at=comment.at
        )

    def link_jira(self, jira_key: str, at: datetime) -> Task:
        change = Change(at, "jira", "jira_key", self.jira_key, jira_key, Origin.JIRA)
        return replace(self, jira_key=jira_key, history=(*self.history, change))


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return ",".join(map(str, value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def task_key(project: str, number: int) -> str:
    return f"{project}-{number}"
