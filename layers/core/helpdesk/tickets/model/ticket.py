"""The ticket entity: status lifecycle, assignment, participants and activity."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from helpdesk.kernel.errors import Invalid

NUMBER_PREFIX = "HD-"
NUMBER_OFFSET = 100000


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    SOLVED = "solved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


_S = TicketStatus
ALLOWED_TRANSITIONS: dict[TicketStatus, frozenset[TicketStatus]] = {
    _S.NEW: frozenset({_S.OPEN, _S.PENDING, _S.SOLVED, _S.CLOSED}),
    _S.OPEN: frozenset({_S.PENDING, _S.SOLVED, _S.CLOSED}),
    _S.PENDING: frozenset({_S.OPEN, _S.SOLVED, _S.CLOSED}),
    _S.SOLVED: frozenset({_S.OPEN, _S.CLOSED}),
    # A closed ticket only comes back through a customer reply (reopen), never by a staff edit.
    _S.CLOSED: frozenset({_S.OPEN}),
}


class TicketStatusChangeInvalid(Invalid):
    """The status change is not one of the allowed transitions."""


def format_number(sequence: int) -> str:
    return f"{NUMBER_PREFIX}{NUMBER_OFFSET + sequence}"


@dataclass(frozen=True)
class Ticket:
    id: str
    number: str
    subject: str
    mailbox: str
    created_at: datetime
    last_activity_at: datetime
    status: TicketStatus = TicketStatus.NEW
    priority: Priority = Priority.NORMAL
    tags: tuple[str, ...] = ()
    assignee: str | None = None
    last_assignee: str | None = None
    participants: tuple[str, ...] = ()
    customer_id: str | None = None
    organisation_id: str | None = None
    linked_ticket_id: str | None = None
    merged_into: str | None = None
    merged_ids: tuple[str, ...] = ()
    closed_at: datetime | None = None
    internal: bool = False  # opened by staff for staff (a new order, a lapsed license): never the customer's
    version: int = 0
    extra: dict[str, str] = field(default_factory=dict, compare=False)
    updated_at: datetime | None = None  # the last staff edit (assign, tags, priority): the live inbox
    snoozed_until: datetime | None = None  # pending until then, then open again by itself

    @property
    def changed_at(self) -> datetime:
        """When anything about the ticket last changed: activity, or a staff edit that is no activity."""
        return max(self.last_activity_at, self.updated_at or self.created_at)

    def change_status(self, status: TicketStatus, now: datetime) -> Ticket:
        if status == self.status:
            return self
        if status not in ALLOWED_TRANSITIONS[self.status]:
            raise TicketStatusChangeInvalid(f"{self.status} -> {status} is not allowed")
        closed_at = now if status is TicketStatus.CLOSED else None
        return replace(
            self,
            status=status,
            closed_at=closed_at,
            last_activity_at=max(now, self.last_activity_at),
            snoozed_until=None,
        )

    def snooze(self, until: datetime, now: datetime) -> Ticket:
        """Out of the open views (pending: the SLA clocks pause) until `until`, then open again by itself."""
        if until <= now:
            raise Invalid("snooze until a time in the future")
        if self.status not in (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING):
            raise TicketStatusChangeInvalid(f"a {self.status} ticket cannot be snoozed")
        return replace(self.change_status(TicketStatus.PENDING, now), snoozed_until=until)

    def woken(self, now: datetime) -> Ticket:
        """The snooze is over: open again, and activity, so it comes back to the top of the inbox."""
        if self.snoozed_until is None or now < self.snoozed_until:
            return self
        return replace(self.change_status(TicketStatus.OPEN, now), snoozed_until=None)

    def assign(self, assignee: str | None) -> Ticket:
        last = assignee or self.last_assignee
        return replace(self, assignee=assignee, last_assignee=last)

    def with_tags(self, tags: list[str] | tuple[str, ...]) -> Ticket:
        cleaned = sorted({t.strip().lower() for t in tags if t.strip()})
        for tag in cleaned:
            if len(tag) > 50 or "#" in tag:
                raise Invalid(f"tag not allowed: {tag!r}")
        return replace(self, tags=tuple(cleaned))

    def with_participant(self, address: str) -> Ticket:
        address = address.lower()
        if address in self.participants:
            return self
        return replace(self, participants=(*self.participants, address))

    def touched(self, at: datetime) -> Ticket:
        """Activity only moves forward, so replaying an old event never reorders the list."""
        return replace(self, last_activity_at=max(at, self.last_activity_at))

    def is_participant(self, address: str) -> bool:
        return address.lower() in self.participants

    def shown_to_customer(self, customer_id: str, organisation_id: str | None) -> bool:
        """Their organisation's tickets and their own (mail tickets carry the mail domain's organisation);
        never a staff-internal one, though it names the customer."""
        if self.internal:
            return False
        return self.customer_id == customer_id or (
            organisation_id is not None and self.organisation_id == organisation_id
        )

    def closed_longer_than(self, days: int, now: datetime) -> bool:
        return (
            self.status is TicketStatus.CLOSED
            and self.closed_at is not None
            and now - self.closed_at > timedelta(days=days)
        )

    def reopened_by_customer(self, now: datetime) -> Ticket:
        """A customer reply wakes a waiting ticket; follow-ups go back to the last assignee."""
        ticket = self
        if ticket.status in (TicketStatus.PENDING, TicketStatus.SOLVED, TicketStatus.CLOSED):
            ticket = replace(ticket, status=TicketStatus.OPEN, closed_at=None, snoozed_until=None)
        if ticket.assignee is None and ticket.last_assignee is not None:
            ticket = replace(ticket, assignee=ticket.last_assignee)
        return ticket.touched(now)
