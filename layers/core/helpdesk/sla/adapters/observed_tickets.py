"""A TicketRepository that tells the SLA tracker about every saved ticket, whichever use case saved it (mail
ingest, staff, cabinet, licensing): the one place no write path can forget."""

from __future__ import annotations

import builtins
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from helpdesk.tickets.public import Page, Ticket, TicketQuery, TicketRepository

log = logging.getLogger(__name__)

Saved = Callable[[Ticket | None, Ticket], None]


class ObservedTickets:
    def __init__(self, inner: TicketRepository, saved: Saved) -> None:
        self._inner, self._saved = inner, saved

    def find(self, ticket_id: str) -> Ticket | None:
        return self._inner.find(ticket_id)

    def by_number(self, number: str) -> Ticket | None:
        return self._inner.by_number(number)

    def list(self, query: TicketQuery, limit: int, cursor: str | None = None) -> Page[Ticket]:
        return self._inner.list(query, limit, cursor)

    def changed_since(self, since: datetime, limit: int) -> builtins.list[Ticket]:
        return self._inner.changed_since(since, limit)

    def create(self, ticket: Ticket) -> bool:
        created = self._inner.create(ticket)
        if created:
            self._tell(None, replace(ticket, version=1))  # as stored: the SLA's clock cache is keyed on it
        return created

    def update(self, ticket: Ticket) -> Ticket:
        before = self._inner.find(ticket.id)
        saved = self._inner.update(ticket)
        self._tell(before, saved)
        return saved

    def _tell(self, before: Ticket | None, after: Ticket) -> None:
        # The ticket is saved whatever happens here: a failed history write must not fail the reply or
        # the mail, and the sweep re-places the board from the ticket.
        try:
            self._saved(before, after)
        except Exception:
            log.exception("SLA tracking failed for ticket %s", after.id)
