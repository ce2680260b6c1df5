"""In-memory fakes of the ticket ports, held to the same contract suite as the DynamoDB adapters.

A lock guards each fake so the concurrency tests exercise the same atomicity the conditional writes give.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from helpdesk.domain.tickets.assignment import Mailbox
from helpdesk.domain.tickets.customer import Customer, Organisation, customer_id_for
from helpdesk.domain.tickets.message import Message
from helpdesk.domain.tickets.quarantine import QuarantinedMail, QuarantineStatus
from helpdesk.domain.tickets.ticket import Ticket
from helpdesk.services.ports_tickets import (
    MailRecord,
    MailStep,
    OutboxEntry,
    OutboxStatus,
    Page,
    TicketChanged,
    TicketQuery,
)


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

    def organisation_by_domain(self, domain: str) -> Organisation | None:
        return self._orgs.get(domain.lower())

    def create_organisation_if_absent(self, organisation: Organisation) -> Organisation:
        with self._lock:
            return self._orgs.setdefault(organisation.domain, organisation)


class MemoryMailboxes:
    def __init__(self) -> None:
        self._mailboxes: dict[str, Mailbox] = {}

    def get(self, name: str) -> Mailbox | None:
        return self._mailboxes.get(name)

    def save(self, mailbox: Mailbox) -> None:
        self._mailboxes[mailbox.name] = mailbox


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


class MemoryCounter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, int] = {}

    def next(self, name: str) -> int:
        with self._lock:
            self._values[name] = self._values.get(name, 0) + 1
            return self._values[name]


class MemoryRateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, int], int] = {}

    def allow(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        window = int(now.timestamp()) // window_seconds
        with self._lock:
            count = self._counts.get((key, window), 0)
            if count >= limit:
                return False
            self._counts[(key, window)] = count + 1
            return True


class MemoryLedger:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: dict[str, MailRecord] = {}

    def begin(self, key: str, now: datetime) -> MailRecord:
        with self._lock:
            return self._records.setdefault(key, MailRecord(key=key, started_at=now))

    def save_plan(self, key: str, plan: dict[str, str]) -> dict[str, str]:
        with self._lock:
            record = self._records[key]
            if not record.plan:
                record = replace(record, plan=dict(plan))
                self._records[key] = record
            return dict(record.plan)

    def mark(self, key: str, step: MailStep) -> None:
        with self._lock:
            record = self._records[key]
            self._records[key] = replace(record, steps=record.steps | {step})

    def reset(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)


class MemoryOutbox:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, OutboxEntry] = {}

    def add(self, entry: OutboxEntry) -> bool:
        with self._lock:
            if entry.id in self._entries:
                return False
            self._entries[entry.id] = entry
            return True

    def get(self, entry_id: str) -> OutboxEntry | None:
        return self._entries.get(entry_id)

    def claim(self, entry_id: str) -> OutboxEntry | None:
        with self._lock:
            entry = self._entries.get(entry_id)
            if entry is None or entry.status is not OutboxStatus.PENDING:
                return None
            self._entries[entry_id] = replace(entry, status=OutboxStatus.SENDING)
            return self._entries[entry_id]

    def mark_sent(self, entry_id: str, provider_id: str) -> None:
        with self._lock:
            entry = self._entries[entry_id]
            self._entries[entry_id] = replace(entry, status=OutboxStatus.SENT, provider_id=provider_id)

    def pending(self, limit: int) -> list[OutboxEntry]:
        found = [e for e in self._entries.values() if e.status is OutboxStatus.PENDING]
        return sorted(found, key=lambda e: (e.created_at, e.id))[:limit]
