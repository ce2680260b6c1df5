"""Tickets in the `helpdesk` table: the ticket item, its number claim and its listing facets.

Status, assignee and mailbox lists use the ticket item's own gsi1/gsi2/gsi3 keys; customer, organisation,
tag and "all" lists use facet items (copies of the ticket) under gsi1. Every list sorts by
`<last activity>#<id>`, newest first.
"""

from __future__ import annotations

import builtins
from datetime import datetime

from pynamodb.exceptions import PynamoDBException
from pynamodb.expressions.condition import Condition
from pynamodb.indexes import GlobalSecondaryIndex

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_staging import staging
from helpdesk.kernel.adapters.dynamo_table import (
    HelpdeskItem,
    condition_failed,
    decode_cursor,
    encode_cursor,
    put_new,
)
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.adapters.dynamo_ticket_facets import CHANGES, TicketFacets, activity, stamp
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import Page, TicketChanged, TicketQuery

_TICKET = "TICKET"


class DynamoTickets:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)
        self._facets = TicketFacets(model)

    def find(self, ticket_id: str) -> Ticket | None:
        item = self._reads.get(f"TICKET#{ticket_id}", _TICKET)
        return self._ticket(item) if item else None

    def by_number(self, number: str) -> Ticket | None:
        try:
            item = self._m.get(f"TICKETNO#{number.upper()}", "TICKETNO", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        ticket = self.find(item.ref or "")
        return ticket if ticket is not None and ticket.number == number.upper() else None

    def create(self, ticket: Ticket) -> bool:
        """In a unit of work (mail ingest) the claim, the ticket and its facets are staged together, and a
        taken number or id refuses the unit. Alone: claim the number, then the ticket, then the facets;
        each step is safe to repeat."""
        claim = self._m(f"TICKETNO#{ticket.number}", "TICKETNO", entity="ticket_number", ref=ticket.id)
        staged = staging()
        if staged is not None:
            stored = _with_version(ticket, 1)
            item = self._item(stored)
            staged.stage("Put", claim.get_save_kwargs_from_instance(condition=self._unclaimed(ticket)))
            staged.stage("Put", item.get_save_kwargs_from_instance(condition=self._m.pk.does_not_exist()))
            self._facets.stage(staged, stored)
            self._reads.wrote(item)
            return True
        if not put_new(self._m, claim):
            owner = self._m.get(claim.pk, claim.sk, consistent_read=True)
            if owner.ref != ticket.id:
                return False
        stored = _with_version(ticket, 1)
        item = self._item(stored)
        if put_new(self._m, item):
            self._reads.wrote(item)
        else:
            self._reads.forget(item.pk, item.sk)
            current = self.find(ticket.id)
            if current is not None:
                self._facets.write(current)  # repairs a create that died before its facets
            return False
        self._facets.write(stored)
        return True

    def _unclaimed(self, ticket: Ticket) -> Condition:
        return self._m.pk.does_not_exist() | (self._m.ref == ticket.id)

    def update(self, ticket: Ticket) -> Ticket:
        """The ticket item is the truth (optimistic on `version`); facets follow, lists re-read tickets."""
        previous = self.find(ticket.id)
        key = (f"TICKET#{ticket.id}", _TICKET)
        if previous is None or previous.version != ticket.version:
            self._reads.forget(*key)
            raise TicketChanged(ticket.id)
        stored = _with_version(ticket, ticket.version + 1)
        item = self._item(stored)
        staged = staging()
        if staged is not None:  # a stale version refuses the whole unit of work
            staged.stage(
                "Put", item.get_save_kwargs_from_instance(condition=self._m.version == ticket.version)
            )
            self._facets.stage(staged, stored, previous)
            self._reads.wrote(item)
            return stored
        try:
            item.save(condition=self._m.version == ticket.version)
        except PynamoDBException as error:
            self._reads.forget(*key)
            if condition_failed(error):
                raise TicketChanged(ticket.id) from error
            raise
        self._reads.wrote(item)
        self._facets.write(stored, previous)
        return stored

    def list(self, query: TicketQuery, limit: int, cursor: str | None = None) -> Page[Ticket]:
        index, hash_key = self._index_for(query)
        names = ("pk", "sk", f"{index.Meta.index_name}pk", f"{index.Meta.index_name}sk")
        results = index.query(
            hash_key,
            scan_index_forward=False,
            last_evaluated_key=decode_cursor(cursor, names) if cursor else None,
            page_size=max(limit * 2, 10),
        )
        found: builtins.list[tuple[Ticket, HelpdeskItem]] = []
        for item in results:
            if not item.pk.startswith("TICKET#"):
                # gsi1 CUSTOMER#<id> also holds the customer's orders and licenses (docs/commerce.md)
                continue
            ticket = self._ticket(item)
            if query.matches(ticket):
                found.append((ticket, item))
                if len(found) > limit:
                    break
        more = len(found) > limit
        found = found[:limit]
        next_cursor = None
        if more:
            last = found[-1][1]
            next_cursor = encode_cursor({n: getattr(last, n) for n in names})
        return Page(self._fresh([t for t, _ in found], query), next_cursor)

    def _fresh(self, tickets: builtins.list[Ticket], query: TicketQuery) -> builtins.list[Ticket]:
        """Index items can lag (eventual GSIs, facets of a crashed update): show the ticket items."""
        if not tickets:
            return []
        keys = [(f"TICKET#{t.id}", _TICKET) for t in tickets]
        current = {t.id: t for t in (self._ticket(i) for i in self._m.batch_get(keys, consistent_read=True))}
        return [current[t.id] for t in tickets if t.id in current and query.matches(current[t.id])]

    def _index_for(self, query: TicketQuery) -> tuple[GlobalSecondaryIndex, str]:
        if query.customer_id:
            return self._m.gsi1, f"CUSTOMER#{query.customer_id}"
        if query.organisation_id:
            return self._m.gsi1, f"ORGTICKETS#{query.organisation_id}"
        if query.tag:
            return self._m.gsi1, f"TAG#{query.tag}"
        if query.assignee or query.unassigned:
            return self._m.gsi2, f"ASSIGNEE#{query.assignee or '-'}"
        if query.mailbox:
            return self._m.gsi3, f"MAILBOX#{query.mailbox}"
        if query.status:
            return self._m.gsi1, f"STATUS#{query.status.value}"
        return self._m.gsi1, "TICKETS"

    def _item(self, ticket: Ticket) -> HelpdeskItem:
        listed = activity(ticket)
        return self._m(
            f"TICKET#{ticket.id}",
            _TICKET,
            entity="ticket",
            data=dumps(ticket),
            version=ticket.version,
            gsi1pk=f"STATUS#{ticket.status.value}",
            gsi1sk=listed,
            gsi2pk=f"ASSIGNEE#{ticket.assignee or '-'}",
            gsi2sk=listed,
            gsi3pk=f"MAILBOX#{ticket.mailbox}",
            gsi3sk=listed,
        )

    def changed_since(self, since: datetime, limit: int) -> builtins.list[Ticket]:
        start = stamp(since)
        found = self._m.gsi2.query(CHANGES, self._m.gsi2sk >= start, page_size=min(limit, 100), limit=limit)
        return self._fresh([self._ticket(i) for i in found], TicketQuery())

    @staticmethod
    def _ticket(item: HelpdeskItem) -> Ticket:
        return loads(Ticket, item.data or "{}")


def _with_version(ticket: Ticket, version: int) -> Ticket:
    from dataclasses import replace

    return replace(ticket, version=version)
