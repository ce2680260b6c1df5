"""Tickets in the `helpdesk` table: the ticket item, its number claim and its listing facets.

Status, assignee and mailbox lists use the ticket item's own gsi1/gsi2/gsi3 keys; customer, organisation,
tag and "all" lists use facet items (copies of the ticket) under gsi1. Every list sorts by
`<last activity>#<id>`, newest first.
"""

from __future__ import annotations

import builtins
from datetime import UTC, datetime

from pynamodb.exceptions import PynamoDBException
from pynamodb.indexes import GlobalSecondaryIndex

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import (
    HelpdeskItem,
    condition_failed,
    decode_cursor,
    encode_cursor,
    put_new,
)
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.adapters.dynamo_together import write_together
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import Page, TicketChanged, TicketQuery

_TICKET = "TICKET"
_MAX_TOGETHER = 99  # a transaction holds 100 items; the ticket item is one of them
_CHANGES = "TICKETCHANGES"


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def _changed(ticket: Ticket) -> str:
    return f"{_stamp(ticket.changed_at)}#{ticket.id}"


def _activity(ticket: Ticket) -> str:
    return f"{ticket.last_activity_at.isoformat()}#{ticket.id}"


class DynamoTickets:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)

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
        claim = self._m(f"TICKETNO#{ticket.number}", "TICKETNO", entity="ticket_number", ref=ticket.id)
        stored = _with_version(ticket, 1)
        item = self._item(stored)
        new = self._m.pk.does_not_exist()
        facets, _ = self._facet_writes(stored)
        if len(facets) < _MAX_TOGETHER and write_together(
            self._m, [(claim, new), (item, new), *((f, None) for f in facets)]
        ):
            self._reads.wrote(item)
            return True
        # A number or id already taken, or a create that died half-way before writes went together: each
        # step below is safe to repeat and repairs what it finds.
        if not put_new(self._m, claim):
            owner = self._m.get(claim.pk, claim.sk, consistent_read=True)
            if owner.ref != ticket.id:
                return False
        if put_new(self._m, item):
            self._reads.wrote(item)
        else:
            self._reads.forget(item.pk, item.sk)
            current = self.find(ticket.id)
            if current is not None:
                self._write_facets(current)  # repairs a create that died before its facets
            return False
        self._write_facets(stored)
        return True

    def _facet_writes(
        self, ticket: Ticket, previous: Ticket | None = None
    ) -> tuple[builtins.list[HelpdeskItem], tuple[HelpdeskItem, ...]]:
        gone = [f"FACET#TAG#{tag}" for tag in set(previous.tags if previous else ()) - set(ticket.tags)]
        if previous and previous.customer_id and previous.customer_id != ticket.customer_id:
            gone.append("FACET#CUSTOMER")
        if previous and previous.organisation_id and not ticket.organisation_id:
            gone.append("FACET#ORG")
        return self._facets(ticket), tuple(self._m(f"TICKET#{ticket.id}", sk) for sk in gone)

    def _write_facets(self, ticket: Ticket, previous: Ticket | None = None) -> None:
        saves, deletes = self._facet_writes(ticket, previous)
        with self._m.batch_write() as batch:
            for facet in saves:
                batch.save(facet)
            for facet in deletes:
                batch.delete(facet)

    def update(self, ticket: Ticket) -> Ticket:
        """The ticket item is the truth (optimistic on `version`); facets follow, lists re-read tickets."""
        previous = self.find(ticket.id)
        key = (f"TICKET#{ticket.id}", _TICKET)
        if previous is None or previous.version != ticket.version:
            self._reads.forget(*key)
            raise TicketChanged(ticket.id)
        stored = _with_version(ticket, ticket.version + 1)
        item = self._item(stored)
        facets, gone = self._facet_writes(stored, previous)
        if len(facets) + len(gone) >= _MAX_TOGETHER:
            return self._update_in_steps(ticket, stored, item, previous)
        if not write_together(
            self._m, [(item, self._m.version == ticket.version), *((f, None) for f in facets)], gone
        ):
            self._reads.forget(*key)
            raise TicketChanged(ticket.id)
        self._reads.wrote(item)
        return stored

    def _update_in_steps(
        self, ticket: Ticket, stored: Ticket, item: HelpdeskItem, previous: Ticket
    ) -> Ticket:
        """More facets than one transaction holds: the ticket item first, its facets after."""
        try:
            item.save(condition=self._m.version == ticket.version)
        except PynamoDBException as error:
            self._reads.forget(item.pk, item.sk)
            if condition_failed(error):
                raise TicketChanged(ticket.id) from error
            raise
        self._reads.wrote(item)
        self._write_facets(stored, previous)
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
        activity = _activity(ticket)
        return self._m(
            f"TICKET#{ticket.id}",
            _TICKET,
            entity="ticket",
            data=dumps(ticket),
            version=ticket.version,
            gsi1pk=f"STATUS#{ticket.status.value}",
            gsi1sk=activity,
            gsi2pk=f"ASSIGNEE#{ticket.assignee or '-'}",
            gsi2sk=activity,
            gsi3pk=f"MAILBOX#{ticket.mailbox}",
            gsi3sk=activity,
        )

    def _facets(self, ticket: Ticket) -> builtins.list[HelpdeskItem]:
        keys = [("FACET#ALL", "TICKETS")]
        if ticket.customer_id:
            keys.append(("FACET#CUSTOMER", f"CUSTOMER#{ticket.customer_id}"))
        if ticket.organisation_id:
            keys.append(("FACET#ORG", f"ORGTICKETS#{ticket.organisation_id}"))
        keys += [(f"FACET#TAG#{tag}", f"TAG#{tag}") for tag in ticket.tags]
        data, activity = dumps(ticket), _activity(ticket)
        facets = [
            self._m(f"TICKET#{ticket.id}", sk, entity="ticket_facet", data=data, gsi1pk=gsi, gsi1sk=activity)
            for sk, gsi in keys
        ]
        # the "all" facet also feeds the live inbox, ordered by the ticket's last change
        facets[0].gsi2pk, facets[0].gsi2sk = _CHANGES, _changed(ticket)
        return facets

    def changed_since(self, since: datetime, limit: int) -> builtins.list[Ticket]:
        start = _stamp(since)
        found = self._m.gsi2.query(_CHANGES, self._m.gsi2sk >= start, page_size=min(limit, 100), limit=limit)
        return self._fresh([self._ticket(i) for i in found], TicketQuery())

    @staticmethod
    def _ticket(item: HelpdeskItem) -> Ticket:
        return loads(Ticket, item.data or "{}")


def _with_version(ticket: Ticket, version: int) -> Ticket:
    from dataclasses import replace

    return replace(ticket, version=version)
