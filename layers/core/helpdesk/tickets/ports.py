"""The ports the ticket and mail services need. Each has an in-memory fake and a real adapter held to one
suite."""

from __future__ import annotations

import builtins
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from helpdesk.kernel.errors import Conflict, NotFound
from helpdesk.tickets.model.assignment import Mailbox, Team
from helpdesk.tickets.model.csat import Survey
from helpdesk.tickets.model.customer import Customer, Organisation
from helpdesk.tickets.model.desk import SavedView, SpamSender, TimeEntry, TimeFacet
from helpdesk.tickets.model.macro import Macro
from helpdesk.tickets.model.message import Message
from helpdesk.tickets.model.presence import Presence
from helpdesk.tickets.model.quarantine import QuarantinedMail, QuarantineStatus
from helpdesk.tickets.model.ticket import Ticket, TicketStatus

T = TypeVar("T")


class TicketNotFound(NotFound):
    pass


class TicketChanged(Conflict):
    """Someone saved the ticket since it was read (optimistic locking); read again and retry."""


class WritesConflict(Conflict):
    """The writes of one unit of work were refused together (a condition failed, or another writer came
    between): none of them landed; read again and retry."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursor: str | None = None


@dataclass(frozen=True)
class TicketQuery:
    status: TicketStatus | None = None
    assignee: str | None = None
    mailbox: str | None = None
    customer_id: str | None = None
    tag: str | None = None
    organisation_id: str | None = None
    hide_done: bool = False  # the "All" view: solved and closed tickets only when asked
    unassigned: bool = False

    def matches(self, ticket: Ticket) -> bool:
        return (
            (self.status is None or ticket.status == self.status)
            and not (self.hide_done and ticket.status in (TicketStatus.SOLVED, TicketStatus.CLOSED))
            and not (self.unassigned and ticket.assignee)
            and (self.assignee is None or ticket.assignee == self.assignee)
            and (self.mailbox is None or ticket.mailbox == self.mailbox)
            and (self.customer_id is None or ticket.customer_id == self.customer_id)
            and (self.tag is None or self.tag in ticket.tags)
            and (self.organisation_id is None or ticket.organisation_id == self.organisation_id)
        )


class TicketRepository(Protocol):
    def find(self, ticket_id: str) -> Ticket | None: ...
    def by_number(self, number: str) -> Ticket | None: ...
    def create(self, ticket: Ticket) -> bool:
        """Store a new ticket (as version 1) and claim its number; False (and no change) if the id exists."""

    def update(self, ticket: Ticket) -> Ticket:
        """Save if the stored version is `ticket.version`, else raise TicketChanged; returns it with version
        + 1."""

    def list(self, query: TicketQuery, limit: int, cursor: str | None = None) -> Page[Ticket]:
        """Newest activity first."""

    def changed_since(self, since: datetime, limit: int) -> builtins.list[Ticket]:
        """Tickets whose `changed_at` is at or after `since`, oldest change first (the live inbox)."""


class MessageRepository(Protocol):
    def add(self, message: Message, sender: str) -> bool:
        """Store once per (Message-ID, sender); False if that pair is already stored."""

    def is_stored(self, message_id: str, sender: str) -> bool: ...
    def get(self, ticket_id: str, sort_key: str) -> Message | None: ...
    def for_ticket(self, ticket_id: str) -> list[Message]:
        """Oldest first."""

    def tickets_for_message_id(self, message_id: str) -> list[str]:
        """Tickets holding a message (stored or sent by us) with this Message-ID, from any sender."""


class CustomerRepository(Protocol):
    def get(self, customer_id: str) -> Customer | None: ...
    def by_email(self, email: str) -> Customer | None: ...
    def create_if_absent(self, customer: Customer) -> Customer:
        """The stored customer: the given one if it was new, else the existing one."""

    def save(self, customer: Customer) -> None: ...
    def in_organisation(self, organisation_id: str) -> list[Customer]:
        """Every contact of the organisation (customers whose organisation it is), by id."""

    def organisation_by_domain(self, domain: str) -> Organisation | None: ...
    def create_organisation_if_absent(self, organisation: Organisation) -> Organisation: ...
    def save_organisation(self, organisation: Organisation) -> None: ...


class MailboxRepository(Protocol):
    def get(self, name: str) -> Mailbox | None: ...
    def save(self, mailbox: Mailbox) -> None: ...
    def all(self) -> list[Mailbox]:
        """Every mailbox saved since mailboxes were listed, by name."""


class TeamRepository(Protocol):
    def get(self, name: str) -> Team | None: ...
    def save(self, team: Team) -> None: ...
    def all(self) -> list[Team]:
        """By name."""


class SurveyStore(Protocol):
    def add(self, survey: Survey) -> bool:
        """Store a new survey; False if one with its id exists (a retried solve)."""

    def get(self, survey_id: str) -> Survey | None: ...
    def rate(self, survey: Survey) -> bool:
        """Store the rating unless the survey was rated already (the link is single-use); False then."""

    def add_comment(self, survey: Survey) -> bool:
        """Store the comment of a rated survey unless it has one; False then."""

    def rated_between(self, start: datetime, end: datetime) -> list[Survey]:
        """Surveys rated in [start, end)."""

    def for_ticket(self, ticket_id: str) -> Survey | None:
        """The ticket's newest survey (a ticket solved again gets a new one)."""


class QuarantineRepository(Protocol):
    def put(self, mail: QuarantinedMail) -> None: ...
    def get(self, key: str) -> QuarantinedMail | None: ...
    def list(self, status: QuarantineStatus, limit: int, cursor: str | None = None) -> Page[QuarantinedMail]:
        """Newest first."""

    def set_status(self, key: str, status: QuarantineStatus) -> None: ...


class Counter(Protocol):
    def next(self, name: str) -> int:
        """Atomically increment and return the counter (first value 1)."""


@dataclass(frozen=True)
class RateCheck:
    """A rate limit about to be checked: its key, its window, and about when (seconds since the epoch)."""

    key: str
    window_seconds: int
    at: int


class RateLimiter(Protocol):
    def allow(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        """Count one event for `key`; False once `limit` events fall in the sliding window (kernel/rates)."""


class MailStep(StrEnum):
    PLANNED = "planned"
    TICKET = "ticket"
    ATTACHMENTS = "attachments"
    MESSAGE = "message"
    ACK_QUEUED = "ack_queued"
    DONE = "done"
    QUARANTINED = "quarantined"


@dataclass(frozen=True)
class MailRecord:
    """The per-mail processing record: what was decided and which steps are done, keyed by the mail's
    identity."""

    key: str
    started_at: datetime
    plan: dict[str, str] = field(default_factory=dict)
    steps: frozenset[MailStep] = frozenset()
    stored: bool = field(default=True, compare=False)  # False: not written yet (`MailLedger.complete`)

    def did(self, step: MailStep) -> bool:
        return step in self.steps


class MailLedger(Protocol):
    def find(self, key: str) -> MailRecord | None: ...
    def begin(self, key: str, now: datetime) -> MailRecord:
        """Get the record, creating it on first sight (its `started_at` then never changes)."""

    def begin_planned(self, key: str, now: datetime, plan: dict[str, str]) -> MailRecord:
        """Create the record with its plan in one write unless a record exists; return the stored one (first
        writer wins, its start and plan included)."""

    def save_plan(self, key: str, plan: dict[str, str]) -> dict[str, str]:
        """Store the plan unless one is stored; return the stored one (first writer wins)."""

    def mark(self, key: str, step: MailStep) -> None: ...
    def complete(self, record: MailRecord) -> None:
        """Store the record with its plan as done in one write: created when not `record.stored`, else
        completed (its stored plan kept). WritesConflict when another writer created or completed it first
        (in a unit of work: when the unit ends)."""

    def reset(self, key: str) -> None:
        """Forget a record so the mail can be processed again (re-processing from quarantine)."""


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"


@dataclass(frozen=True)
class OutboxEntry:
    id: str
    ticket_id: str
    message_sort_key: str
    recipients: tuple[str, ...]
    created_at: datetime
    status: OutboxStatus = OutboxStatus.PENDING
    provider_id: str = ""


class Outbox(Protocol):
    def add(self, entry: OutboxEntry) -> bool:
        """False if an entry with this id exists."""

    def get(self, entry_id: str) -> OutboxEntry | None: ...
    def claim(self, entry_id: str) -> OutboxEntry | None:
        """Move pending -> sending and return it; None if it is not pending. Sending happens at most once."""

    def mark_sent(self, entry_id: str, provider_id: str) -> None: ...
    def pending(self, limit: int) -> list[OutboxEntry]: ...


class AttachmentStore(Protocol):
    def put(self, key: str, content: bytes, content_type: str) -> None: ...
    def get(self, key: str) -> bytes: ...
    def download_url(
        self, key: str, filename: str, expires_in: int, content_type: str = "application/octet-stream"
    ) -> str:
        """A short-lived URL that downloads (Content-Disposition: attachment) under `filename`, answered with
        `content_type` (callers pass `served_type(...)`) and never cached by shared caches."""


class RawMailStore(Protocol):
    def get(self, bucket: str, key: str) -> bytes: ...


class Mailer(Protocol):
    def send(self, raw: bytes, sender: str, recipients: list[str]) -> str:
        """Send a complete MIME message; returns the provider's message id."""


@dataclass(frozen=True)
class ExpectedReads:
    """What one ingest is about to read, named by the domain: a store may fetch it all in one request."""

    customer_emails: tuple[str, ...] = ()
    organisation_domains: tuple[str, ...] = ()
    message_guards: tuple[tuple[str, str], ...] = ()  # (Message-ID, sender)
    mailboxes: tuple[str, ...] = ()
    ticket_ids: tuple[str, ...] = ()
    mail_records: tuple[str, ...] = ()  # processing records' keys
    rate_checks: tuple[RateCheck, ...] = ()


class ReadAhead(Protocol):
    def session(self) -> AbstractContextManager[object]:
        """Within it, a read is made once (or ahead, by `expect`) and the stores' own writes replace it."""

    def expect(self, reads: ExpectedReads) -> None: ...


class UnitOfWork(Protocol):
    def atomically(self) -> AbstractContextManager[object]:
        """The stores' writes made inside land together when it ends, or none of them: an exception inside
        discards them, and a write the stores refuse may show only at the end, as WritesConflict. Counters,
        rate limits and attachments are written at once. Nested, the outermost unit decides."""


class ImmediateWrites:
    """Stores without units of work: each write lands by itself, at once."""

    def atomically(self) -> AbstractContextManager[object]:
        return nullcontext()


class NoReadAhead:
    """Stores whose reads cost nothing (the in-memory fakes) need no read-ahead."""

    def session(self) -> AbstractContextManager[object]:
        return nullcontext()

    def expect(self, reads: ExpectedReads) -> None:
        return None


@dataclass(frozen=True)
class TicketStores:
    """Every store the ticket and mail services work on (one DynamoDB table and one bucket in production)."""

    tickets: TicketRepository
    messages: MessageRepository
    customers: CustomerRepository
    mailboxes: MailboxRepository
    quarantine: QuarantineRepository
    counter: Counter
    limiter: RateLimiter
    ledger: MailLedger
    outbox: Outbox
    attachments: AttachmentStore
    reads: ReadAhead = field(default_factory=NoReadAhead)
    unit: UnitOfWork = field(default_factory=ImmediateWrites)


class ReplyDelivery(Protocol):
    """Hands an outbox entry to whoever sends it (the outbound service now, or a queue for later)."""

    def deliver(self, entry_id: str, now: datetime) -> str | None: ...


class MacroRepository(Protocol):
    """Macros of the whole desk (a few hundred at most: read in one query)."""

    def save(self, macro: Macro) -> None: ...
    def get(self, macro_id: str) -> Macro | None: ...
    def all(self) -> list[Macro]: ...
    def delete(self, macro_id: str) -> None: ...


class SignatureStore(Protocol):
    """Each agent's signature, keyed by their e-mail ("" when they have none)."""

    def get(self, email: str) -> str: ...
    def save(self, email: str, signature: str) -> None: ...


class PresenceStore(Protocol):
    def beat(self, presence: Presence) -> None:
        """Record the latest beat of one person on one ticket (replacing their previous one)."""

    def on_ticket(self, ticket_id: str) -> list[Presence]: ...


class DeskStore(Protocol):
    """The agent's desk around the tickets: who read what, saved views, logged time, the spam list."""

    def mark_seen(self, agent: str, ticket_id: str, at: datetime) -> None: ...
    def seen(self, agent: str, ticket_ids: list[str]) -> dict[str, datetime]:
        """When `agent` last opened each ticket they have opened."""

    def save_view(self, view: SavedView) -> None: ...
    def delete_view(self, owner: str, view_id: str) -> None: ...
    def views(self, owner: str) -> list[SavedView]:
        """The owner's personal views and every shared one."""

    def add_time(self, entry: TimeEntry) -> bool:
        """False if an entry with this id is stored (a retried request)."""

    def time_for(self, facet: TimeFacet, key: str) -> list[TimeEntry]:
        """Entries of one ticket, customer or agent, oldest first."""

    def block(self, entry: SpamSender) -> None: ...
    def unblock(self, address: str) -> None: ...
    def blocked(self) -> list[SpamSender]: ...
