"""A project's status workflow: its columns, what each means for the statistics, and the moves allowed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from helpdesk.kernel.errors import Invalid


class StatusCategory(StrEnum):
    """What a status means whatever a project calls it: open, being worked, finished or dropped."""

    TODO = "todo"
    ACTIVE = "active"
    DONE = "done"
    CANCELLED = "cancelled"


_SLUG = re.compile(r"[a-z][a-z0-9_]{0,29}")


class TaskStatusChangeInvalid(Invalid):
    """The project's workflow has no such status, or does not allow this move."""


@dataclass(frozen=True)
class Status:
    name: str
    category: StatusCategory


@dataclass(frozen=True)
class Workflow:
    """Ordered statuses (the board's columns) and, per status, where a task may go next (empty: anywhere)."""

    statuses: tuple[Status, ...]
    transitions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Stored JSON gives lists back: keep the value type whatever the source.
        fixed = {source: tuple(targets) for source, targets in self.transitions.items()}
        object.__setattr__(self, "transitions", fixed)

    @classmethod
    def default(cls) -> Workflow:
        c = StatusCategory
        return cls(
            (
                Status("todo", c.TODO),
                Status("in_progress", c.ACTIVE),
                Status("review", c.ACTIVE),
                Status("done", c.DONE),
                Status("cancelled", c.CANCELLED),
            ),
            {
                "todo": ("in_progress", "cancelled"),
                "in_progress": ("todo", "review", "done", "cancelled"),
                "review": ("in_progress", "done", "cancelled"),
                "done": ("in_progress",),
                "cancelled": ("todo",),
            },
        )

    @classmethod
    def checked(cls, statuses: tuple[Status, ...], transitions: dict[str, tuple[str, ...]]) -> Workflow:
        """A workflow a project may use: unique slug names, the first status open, somewhere to finish, and
        moves only between its own statuses."""
        names = [s.name for s in statuses]
        if len(set(names)) != len(names) or not all(_SLUG.fullmatch(n) for n in names):
            raise Invalid("status names must be unique lowercase words (a-z, 0-9, _), at most 30 characters")
        if not statuses or statuses[0].category is not StatusCategory.TODO:
            raise Invalid("the first status is where new tasks start: it must be a todo status")
        if not any(s.category is StatusCategory.DONE for s in statuses):
            raise Invalid("a workflow needs a done status")
        named = set(names)
        unknown = {n for source, targets in transitions.items() for n in (source, *targets)} - named
        if unknown:
            raise Invalid(f"moves name unknown statuses: {', '.join(sorted(unknown))}")
        return cls(statuses, transitions)

    @property
    def initial(self) -> str:
        return self.statuses[0].name

    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.statuses)

    def category(self, name: str) -> StatusCategory:
        for status in self.statuses:
            if status.name == name:
                return status.category
        raise TaskStatusChangeInvalid(f"unknown status {name!r}")

    def check_move(self, current: str, wanted: str) -> None:
        self.category(wanted)
        allowed = self.transitions.get(current)
        if current != wanted and allowed and wanted not in allowed:
            raise TaskStatusChangeInvalid(f"{current} -> {wanted} is not allowed in this project")

    def check(self) -> Workflow:
        names = self.names()
        if not names or len(set(names)) != len(names):
            raise Invalid("a workflow needs distinct statuses")
        if self.statuses[0].category is not StatusCategory.TODO:
            raise Invalid("a workflow starts with a to-do status")
        for source, targets in self.transitions.items():
            if source not in names or not set(targets) <= set(names):
                raise Invalid(f"transition from {source!r} names an unknown status")
        return self
