"""What the console reads: a ticket's SLA and history, the SLA of each inbox row, and the board's views
(breaching soon, breached)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import NotFound
from helpdesk.sla.model.snapshot import SlaSnapshot
from helpdesk.sla.model.timeline import TimelineEvent
from helpdesk.sla.ports import ClockCache, SlaBoard, SlaSetup, Timeline
from helpdesk.sla.services.tracker import SlaTracker
from helpdesk.tickets.public import Ticket, TicketStores

MAX_BOARD = 100


@dataclass(frozen=True)
class TicketSla:
    ticket: Ticket
    snapshot: SlaSnapshot | None
    history: list[TimelineEvent]


class SlaDesk:
    def __init__(
        self,
        tracker: SlaTracker,
        setup: SlaSetup,
        timeline: Timeline,
        board: SlaBoard,
        cache: ClockCache,
        stores: TicketStores,
        clock: Clock,
    ) -> None:
        self._tracker, self._setup, self._timeline, self._board = tracker, setup, timeline, board
        self._cache, self._stores, self._clock = cache, stores, clock

    def for_ticket(self, ticket_id: str) -> TicketSla:
        ticket = self._stores.tickets.find(ticket_id) or self._stores.tickets.by_number(ticket_id)
        if ticket is None:
            raise NotFound("no such ticket")
        history = self._timeline.for_ticket(ticket.id)
        return TicketSla(ticket, self._tracker.snapshot(ticket, history), history)

    def for_rows(self, tickets: list[Ticket]) -> dict[str, SlaSnapshot]:
        """The SLA of each listed ticket a policy covers, measured as the ticket page measures it, from the
        clock inputs kept when each ticket was last saved: one read of the setup and one batched read,
        whatever the number of rows."""
        if not tickets:
            return {}  # the live inbox's usual poll: nothing changed
        policies, calendars = self._setup.rules()
        covered = [(t, p) for t in tickets if (p := self._tracker.policy(t, policies)) is not None]
        if not covered:
            return {}
        kept = self._cache.many([t.id for t, _ in covered])
        found = {}
        for ticket, policy in covered:
            inputs = kept.get(ticket.id)
            if inputs is None or inputs.version != ticket.version:
                # Saved while no policy covered it (or before the cache): read once, then kept.
                inputs = self._tracker.inputs(ticket)
                self._cache.keep(inputs)
            found[ticket.id] = self._tracker.measure(ticket, policy, inputs, calendars)
        return found

    def breaching(self, within_minutes: int = 60) -> list[TicketSla]:
        now = self._clock.now()
        return self._tickets(self._board.due_between(now, now + timedelta(minutes=within_minutes), MAX_BOARD))

    def breached(self) -> list[TicketSla]:
        return self._tickets(self._board.due_between(None, self._clock.now(), MAX_BOARD))

    def _tickets(self, entries: list) -> list[TicketSla]:
        tickets = [t for t in (self._stores.tickets.find(e.ticket_id) for e in entries) if t is not None]
        slas = self.for_rows(tickets)
        return [TicketSla(t, slas.get(t.id), []) for t in tickets]
