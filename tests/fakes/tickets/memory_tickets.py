"""In-memory fakes of the ticket ports, held to the same contract suite as the DynamoDB adapters.

A lock guards each fake so the concurrency tests exercise the same atomicity the conditional writes give.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from helpdesk.tickets.model.assignment import Mailbox, Team
from helpdesk.tickets.model.customer import Customer, Organisation, customer_id_for
from helpdesk.tickets.model.message import Message
from helpdesk.tickets.model.quarantine import QuarantinedMail, QuarantineStatus
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import Page, TicketChanged, TicketQuery


def _page(items: list, key, limit: int, cursor: str | None) -> Page:
    start = 0
    if cursor is not None:
        keys = [key(i) for i in items]
        start = next((n + 1 for n, k in enumerate(keys) if k == cursor), len(items))
    chunk = items[start : start + limit]
    more = start + limit < len(items)
    return Page(chunk, key(chunk[-1]) if chunk and more else None)


class MemoryTickets:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, Ticket] = {}
        self._numbers: dict[str, str] = {}

    def find(self, ticket_id: str) -> Ticket | None:
        return self._by_id.get(ticket_id)

    def by_number(self, number: str) -> Ticket | None:
        ticket_id = self._numbers.get(number.upper())
        return self._by_id.get(ticket_id) if ticket_id else None

    def create(self, ticket: Ticket) -> bool:
        with self._lock:
            if ticket.id in self._by_id or ticket.number in self._numbers:
                return False
            self._by_id[ticket.id] = replace(ticket, version=1)
            self._numbers[ticket.number] = ticket.id
            return True

    def update(self, ticket: Ticket) -> Ticket:
        with self._lock:
            stored = self._by_id.get(ticket.id)
            if stored is None or stored.version != ticket.version:
                raise TicketChanged(ticket.id)
            saved = replace(ticket, version=ticket.version + 1)
            self._by_id[ticket.id] = saved
            return saved

    def list(self, query: TicketQuery, limit: int, cursor: str | None = None) -> Page[Ticket]:
        found = [t for t in self._by_id.values() if query.matches(t)]
        found.sort(key=lambda t: (t.last_activity_at.isoformat(), t.id), reverse=True)
        return _page(found, lambda t: f"{t.last_activity_at.isoformat()}#{t.id}", limit, cursor)

    def changed_since(self, since: datetime, limit: int) -> list[Ticket]:
        found = sorted((t for t in self._by_id.values() if t.changed_at >= since), key=lambda t: t.changed_at)
        return found[:limit]


class MemoryMessages:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_ticket: dict[str, dict[str, Message]] = {}
        self._index: dict[str, dict[str, str]] = {}  # Message-ID -> sender -> ticket id

    def add(self, message: Message, sender: str) -> bool:
        key = message.message_id or message.id
        with self._lock:
            senders = self._index.setdefault(key, {})
            if sender.lower() in senders:
                return False
            senders[sender.lower()] = message.ticket_id
            self._by_ticket.setdefault(message.ticket_id, {})[message.sort_key] = message
            return True

    def is_stored(self, message_id: str, sender: str) -> bool:
        return sender.lower() in self._index.get(message_id, {})

    def get(self, ticket_id: str, sort_key: str) -> Message | None:
        return self._by_ticket.get(ticket_id, {}).get(sort_key)

    def for_ticket(self, ticket_id: str) -> list[Message]:
        messages = self._by_ticket.get(ticket_id, {})
        return [messages[k] for k in sorted(messages)]

    def tickets_for_message_id(self, message_id: str) -> list[str]:
        return sorted(set(self._index.get(message_id, {}).values()))


class MemoryCustomers:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._customers: dict[str, Customer] = {}
        self._orgs: dict[str, Organisation] = {}

    def get(self, customer_id: str) -> Customer | None:
        return self._customers.get(customer_id)

    def by_email(self, email: str) -> Customer | None:
        return self._customers.get(customer_id_for(email))

    def create_if_absent(self, customer: Customer) -> Customer:
        with self._lock:
            return self._customers.setdefault(customer.id, customer)

    def save(self, customer: Customer) -> None:
        self._customers[customer.id] = customer

    def in_organisation(self, organisation_id: str) -> list[Customer]:
        found = [c for c in self._customers.values() if c.organisation_id == organisation_id]
        return sorted(found, key=lambda c: c.id)

    def organisation_by_domain(self, domain: str) -> Organisation | None:
        return self._orgs.get(domain.lower())

    def create_organisation_if_absent(self, organisation: Organisation) -> Organisation:
        with self._lock:
            return self._orgs.setdefault(organisation.domain, organisation)

    def save_organisation(self, organisation: Organisation) -> None:
        self._orgs[organisation.domain] = organisation


class MemoryMailboxes:
    def __init__(self) -> None:
        self._mailboxes: dict[str, Mailbox] = {}

    def get(self, name: str) -> Mailbox | None:
        return self._mailboxes.get(name)

    def save(self, mailbox: Mailbox) -> None:
        self._mailboxes[mailbox.name] = mailbox

    def all(self) -> list[Mailbox]:
        return [self._mailboxes[n] for n in sorted(self._mailboxes)]


class MemoryTeams:
    def __init__(self) -> None:
        self._teams: dict[str, Team] = {}

    def get(self, name: str) -> Team | None:
        return self._teams.get(name)

    def save(self, team: Team) -> None:
        self._teams[team.name] = team

    def all(self) -> list[Team]:
        return [self._teams[n] for n in sorted(self._teams)]


class MemoryQuarantine:
    def __init__(self) -> None:
        self._held: dict[str, QuarantinedMail] = {}

    def put(self, mail: QuarantinedMail) -> None:
        self._held[mail.key] = mail

    def get(self, key: str) -> QuarantinedMail | None:
        return self._held.get(key)

    def list(self, status: QuarantineStatus, limit: int, cursor: str | None = None) -> Page[QuarantinedMail]:
        found = sorted(
            (m for m in self._held.values() if m.status == status),
            key=lambda m: (m.created_at.isoformat(), m.key),
            reverse=True,
        )
        return _page(found, lambda m: f"{m.created_at.isoformat()}#{m.key}", limit, cursor)

    def set_status(self, key: str, status: QuarantineStatus) -> None:
        self._held[key] = replace(self._held[key], status=status)
