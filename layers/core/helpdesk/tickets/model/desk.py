"""The agent's desk around tickets: saved views, logged time, blocked (spam) senders, unread state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from helpdesk.kernel.errors import Invalid

SHARED_OWNER = "*"  # the owner key of views every agent sees
SORTS = ("activity", "created", "priority", "status", "number")
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class SavedView:
    id: str
    owner: str  # the agent's e-mail, or SHARED_OWNER
    name: str
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "activity"
    created_by: str = ""

    @property
    def shared(self) -> bool:
        return self.owner == SHARED_OWNER

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise Invalid(f"unknown sort {self.sort!r}: one of {', '.join(SORTS)}")


class TimeFacet(StrEnum):
    TICKET = "ticket"
    CUSTOMER = "customer"
    AGENT = "agent"


@dataclass(frozen=True)
class TimeEntry:
    id: str
    ticket_id: str
    agent: str
    minutes: int
    billable: bool
    logged_at: datetime
    customer_id: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if not 0 < self.minutes <= MAX_MINUTES:
            raise Invalid(f"minutes must be between 1 and {MAX_MINUTES}")


@dataclass(frozen=True)
class TimeTotals:
    minutes: int = 0
    billable_minutes: int = 0
    by_agent: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: list[TimeEntry]) -> TimeTotals:
        by_agent: dict[str, int] = {}
        for e in entries:
            by_agent[e.agent] = by_agent.get(e.agent, 0) + e.minutes
        return cls(
            minutes=sum(e.minutes for e in entries),
            billable_minutes=sum(e.minutes for e in entries if e.billable),
            by_agent=by_agent,
        )


@dataclass(frozen=True)
class SpamSender:
    address: str
    blocked_by: str
    blocked_at: datetime
    ticket_id: str | None = None  # the ticket that was marked as spam


def is_unread(changed_at: datetime, seen_at: datetime | None) -> bool:
    """Unread for an agent: never opened by them, or changed since they last opened it."""
    return seen_at is None or changed_at > seen_at
