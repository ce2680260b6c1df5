"""What the console reads: a ticket's SLA and history, and the board's views (breaching soon, breached)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import NotFound
from helpdesk.sla.model.snapshot import SlaSnapshot
from helpdesk.sla.model.timeline import TimelineEvent
from helpdesk.sla.ports import SlaBoard, Timeline
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
        self, tracker: SlaTracker, timeline: Timeline, board: SlaBoard, stores: TicketStores, clock: Clock
    ) -> None:
        self._tracker, self._timeline, self._board = tracker, timeline, board
        self._stores, self._clock = stores, clock

    def for_ticket(self, ticket_id: str) -> TicketSla:
        ticket = self._stores.tickets.find(ticket_id) or self._stores.tickets.by_number(ticket_id)
        if ticket is None:
            raise NotFound("no such ticket")
        history = self._timeline.for_ticket(ticket.id)
        return TicketSla(ticket, self._tracker.snapshot(ticket, history), history)

    def breaching(self, within_minutes: int = 60) -> list[TicketSla]:
        now = self._clock.now()
        return self._tickets(self._board.due_between(now, now + timedelta(minutes=within_minutes), MAX_BOARD))

    def breached(self) -> list[TicketSla]:
        return self._tickets(self._board.due_between(None, self._clock.now(), MAX_BOARD))

    def _tickets(self, entries: list) -> list[TicketSla]:
        found = []
        for entry in entries:
            ticket = self._stores.tickets.find(entry.ticket_id)
            if ticket is not None:
                found.append(TicketSla(ticket, self._tracker.snapshot(ticket), []))
        return found
