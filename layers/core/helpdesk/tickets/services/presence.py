"""Presence on a ticket: record my beat, answer who else is there."""

from __future__ import annotations

from helpdesk.kernel.clock import Clock
from helpdesk.tickets.model.presence import Presence, PresenceState, others_present
from helpdesk.tickets.ports import PresenceStore, TicketNotFound, TicketRepository


class PresenceService:
    def __init__(self, store: PresenceStore, tickets: TicketRepository, clock: Clock) -> None:
        self._store, self._tickets, self._clock = store, tickets, clock

    def beat(self, ticket_id: str, email: str, name: str, state: PresenceState) -> list[Presence]:
        ticket = self._tickets.find(ticket_id) or self._tickets.by_number(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        now = self._clock.now()
        self._store.beat(Presence(ticket.id, email.lower(), name, state, now))
        return others_present(self._store.on_ticket(ticket.id), email, now)
