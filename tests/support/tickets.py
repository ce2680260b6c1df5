"""Builders for ticket tests: stores (fake or real), parsed mails, a clock, the wired services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from helpdesk.identity.model import Role, StaffMember
from helpdesk.mail.model import Address, Attachment, MailKind, ParsedMail
from helpdesk.tickets.ports import SurveyStore, TicketStores
from helpdesk.tickets.services.ingest import FaultHook, IngestResult, MailSource, no_fault
from helpdesk.tickets.services.signatures import SignatureService
from helpdesk.tickets.services.ticket_services import TicketConfig, TicketServices, build_ticket_services

from tests.fakes.identity.staff_directory import MemoryStaffDirectory
from tests.fakes.tickets.memory_io import MemoryAttachments, MemoryMailer, MemoryRawMail
from tests.fakes.tickets.memory_mail_state import (
    MemoryCounter,
    MemoryLedger,
    MemoryOutbox,
    MemoryRateLimiter,
)
from tests.fakes.tickets.memory_tickets import (
    MemoryCustomers,
    MemoryMailboxes,
    MemoryMessages,
    MemoryQuarantine,
    MemoryTickets,
)
from tests.fakes.tickets.memory_unit import MemoryUnitOfWork

SECRET = b"test-reply-secret"
DOMAIN = "support.example.com"
SUPPORT = f"support@{DOMAIN}"
STAFF_NAMES = ("ann", "bob")  # the staff directory of wired services: the only names tickets go to
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@dataclass
class StepClock:
    at: datetime = T0
    step: timedelta = timedelta(seconds=1)

    def now(self) -> datetime:
        self.at += self.step
        return self.at


def memory_stores() -> TicketStores:
    tickets, messages, customers = MemoryTickets(), MemoryMessages(), MemoryCustomers()
    ledger, outbox = MemoryLedger(), MemoryOutbox()
    return TicketStores(
        tickets=tickets,
        messages=messages,
        customers=customers,
        mailboxes=MemoryMailboxes(),
        quarantine=MemoryQuarantine(),
        counter=MemoryCounter(),
        limiter=MemoryRateLimiter(),
        ledger=ledger,
        outbox=outbox,
        attachments=MemoryAttachments(),
        unit=MemoryUnitOfWork(tickets, messages, customers, ledger, outbox),
    )


@dataclass
class MailSpec:
    sender: str = "alice@acme.test"
    subject: str = "Printer on fire"
    message_id: str | None = "m1@acme.test"
    to: list[str] = field(default_factory=lambda: [SUPPORT])
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    text: str = "Help, please."
    kind: MailKind = MailKind.HUMAN
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names, as the parser keeps them


def parsed(spec: MailSpec) -> ParsedMail:
    return ParsedMail(
        subject=spec.subject,
        from_=Address("", spec.sender),
        to=[Address("", a) for a in spec.to],
        message_id=spec.message_id,
        in_reply_to=spec.in_reply_to,
        references=spec.references,
        text=spec.text,
        reply=spec.text,
        kind=spec.kind,
        headers=dict(spec.headers),
        attachments=[
            Attachment(name, "application/octet-stream", len(data), "", None, "attachment", data)
            for name, data in spec.attachments
        ],
    )


class FakeParser:
    """Stands in for the mail library: raw bytes are a key into mails registered by the test."""

    def __init__(self) -> None:
        self.mails: dict[bytes, ParsedMail] = {}

    def register(self, spec: MailSpec | ParsedMail) -> bytes:
        mail = spec if isinstance(spec, ParsedMail) else parsed(spec)
        raw = f"raw-{len(self.mails)}".encode()
        self.mails[raw] = mail
        return raw

    def __call__(self, raw: bytes) -> ParsedMail:
        if raw not in self.mails:
            raise ValueError("not a mail")
        return self.mails[raw]


@dataclass
class Wired:
    stores: TicketStores
    services: TicketServices
    mailer: MemoryMailer
    raw_mail: MemoryRawMail
    parser: FakeParser
    clock: StepClock

    def deliver(self, spec: MailSpec | ParsedMail, key: str | None = None) -> IngestResult:
        raw = self.parser.register(spec)
        key = key or f"inbound/{raw.decode()}"
        self.raw_mail.objects[("raw-mail", key)] = raw
        return self.services.mail_ingest.ingest_mail(MailSource("raw-mail", key, etag=raw.decode()), raw)


def wire(
    stores: TicketStores | None = None,
    fault: FaultHook = no_fault,
    mailer: MemoryMailer | None = None,
    surveys: SurveyStore | None = None,
    signatures: SignatureService | None = None,
    on_mention: Callable[..., object] | None = None,
    **config: object,
) -> Wired:
    stores = stores or memory_stores()
    mailer = mailer or MemoryMailer()
    raw_mail, parser, clock = MemoryRawMail(), FakeParser(), StepClock()
    settings = TicketConfig(support_domain=DOMAIN, support_address=SUPPORT, token_secret=SECRET, **config)  # type: ignore[arg-type]
    staff = MemoryStaffDirectory([StaffMember(n, n.title(), (Role.MANAGER,)) for n in STAFF_NAMES])
    services = build_ticket_services(
        stores,
        mailer,
        raw_mail,
        parser,
        clock,
        settings,
        fault,
        staff=staff,
        surveys=surveys,
        signatures=signatures,
        on_mention=on_mention,
    )
    return Wired(stores, services, mailer, raw_mail, parser, clock)
