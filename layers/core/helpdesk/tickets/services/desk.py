"""The agent's desk: the live inbox's changes, unread state, saved views and logged time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden, NotFound
from helpdesk.tickets.model.customer import stable_id
from helpdesk.tickets.model.desk import (
    SHARED_OWNER,
    SavedView,
    TimeEntry,
    TimeFacet,
    TimeTotals,
    is_unread,
)
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import DeskStore, TicketQuery, TicketRepository

# Writers stamp changes with their own clocks and indexes lag: each poll looks this far back again
# (the console drops what it already has by version).
OVERLAP = timedelta(seconds=5)
MAX_CHANGES = 200


@dataclass(frozen=True)
class InboxChanges:
    items: list[Ticket]  # changed tickets in the view
    left: list[str]  # changed tickets that no longer belong to the view
    since: datetime  # what the next poll passes as `updated_since`


class DeskService:
    def __init__(self, tickets: TicketRepository, desk: DeskStore, clock: Clock) -> None:
        self._tickets, self._desk, self._clock = tickets, desk, clock

    def changes(self, query: TicketQuery, since: datetime) -> InboxChanges:
        now = self._clock.now()
        changed = self._tickets.changed_since(since, MAX_CHANGES)
        # A full page means more changes wait: carry on from the last one seen instead of from now.
        following = changed[-1].changed_at if len(changed) == MAX_CHANGES else now - OVERLAP
        items = [t for t in changed if query.matches(t)]
        left = [t.id for t in changed if not query.matches(t)]
        return InboxChanges(items, left, max(since, following))

    def since_now(self) -> datetime:
        """Where the live inbox's first poll starts: a full list was just read."""
        return self._clock.now() - OVERLAP

    def unread(self, agent: str, tickets: list[Ticket]) -> list[str]:
        seen = self._desk.seen(agent, [t.id for t in tickets])
        return [t.id for t in tickets if is_unread(t.last_activity_at, seen.get(t.id))]

    def mark_seen(self, agent: str, ticket_id: str, last_activity_at: datetime) -> None:
        self._desk.mark_seen(agent, ticket_id, max(self._clock.now(), last_activity_at))

    def views(self, agent: str) -> list[SavedView]:
        return sorted(self._desk.views(agent), key=lambda v: (v.shared, v.name.lower()))

    def save_view(self, agent: str, name: str, filters: dict[str, str], sort: str, shared: bool) -> SavedView:
        owner = SHARED_OWNER if shared else agent
        view = SavedView(stable_id("view", owner, name.lower()), owner, name, filters, sort, agent)
        self._desk.save_view(view)
        return view

    def delete_view(self, agent: str, view_id: str, may_manage_shared: bool) -> None:
        """A shared view goes only by its author or a manager; someone else's personal view is unknown."""
        mine = {v.id: v for v in self._desk.views(agent)}
        view = mine.get(view_id)
        if view is None:
            raise NotFound("no such view")
        if view.shared and view.created_by != agent and not may_manage_shared:
            raise Forbidden("only its author or a manager removes a shared view")
        self._desk.delete_view(view.owner, view.id)

    def ticket(self, ticket_id: str) -> Ticket:
        ticket = self._tickets.find(ticket_id) or self._tickets.by_number(ticket_id)
        if ticket is None:
            raise NotFound("no such ticket")
        return ticket

    def log_time(
        self, agent: str, ticket_id: str, minutes: int, billable: bool, note: str, token: str
    ) -> TimeEntry:
        ticket, now = self.ticket(ticket_id), self._clock.now()
        entry = TimeEntry(
            stable_id("time", ticket.id, agent, token or now.isoformat()),
            ticket.id,
            agent,
            minutes,
            billable,
            now,
            ticket.customer_id,
            note,
        )
        self._desk.add_time(entry)  # a retried request with the same token logs once
        return entry

    def ticket_time(self, ticket_id: str) -> tuple[list[TimeEntry], TimeTotals]:
        return self.time(TimeFacet.TICKET, self.ticket(ticket_id).id)

    def time(self, facet: TimeFacet, key: str) -> tuple[list[TimeEntry], TimeTotals]:
        entries = sorted(self._desk.time_for(facet, key), key=lambda e: e.logged_at)
        return entries, TimeTotals.of(entries)
