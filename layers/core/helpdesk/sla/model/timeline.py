"""The ticket's history: who changed what and when (status, assignee, priority, tags, merges, SLA)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpdesk.tickets.public import Ticket

SYSTEM = "system"


@dataclass(frozen=True)
class TimelineEvent:
    ticket_id: str
    at: datetime
    actor: str
    field: str  # created, status, assignee, priority, tags, merged, linked, sla
    old: str = ""
    new: str = ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(getattr(value, "value", value))


WATCHED = ("status", "assignee", "priority", "tags", "merged_into", "merged_ids", "mailbox")


def changes(before: Ticket | None, after: Ticket, actor: str, at: datetime) -> list[TimelineEvent]:
    """The events between two saved states of a ticket; a new ticket records its creation and status."""
    if before is None:
        return [TimelineEvent(after.id, at, actor, "created", "", _text(after.status))]
    events = []
    for name in WATCHED:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            events.append(TimelineEvent(after.id, at, actor, name, _text(old), _text(new)))
    return events
