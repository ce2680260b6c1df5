"""Inbox counts for the console's views, from the newest-activity index (a Query, never a Scan)."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from helpdesk.tickets.ports import TicketQuery, TicketRepository

OPEN_STATES = {"new", "open", "pending"}


class TicketCountsView(BaseModel):
    total: int
    status: dict[str, int]
    assignee: dict[str, int]
    mailbox: dict[str, int]
    tag: dict[str, int]
    capped: bool  # True when more tickets exist than were counted


def count_tickets(tickets: TicketRepository, me: str, cap: int = 2000) -> TicketCountsView:
    """Counts over the `cap` most recently active tickets; mailbox, tag and assignee counts cover open
    work."""
    status: Counter[str] = Counter()
    mailbox: Counter[str] = Counter()
    tag: Counter[str] = Counter()
    mine = unassigned = seen = 0
    cursor: str | None = None
    while seen < cap:
        page = tickets.list(TicketQuery(), min(100, cap - seen), cursor)
        if not page.items:
            break
        for t in page.items:
            seen += 1
            status[str(t.status)] += 1
            if str(t.status) in OPEN_STATES:
                mailbox[t.mailbox] += 1
                tag.update(t.tags)
                mine += t.assignee == me
                unassigned += not t.assignee
        cursor = page.cursor
        if not cursor:
            break
    return TicketCountsView(
        total=seen,
        status=dict(status),
        assignee={"me": mine, "unassigned": unassigned},
        mailbox=dict(mailbox),
        tag=dict(tag),
        capped=bool(cursor),
    )
