"""Builds the ticket and mail services from their ports and one config: the part of bootstrap that is ours."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpdesk.identity.public import StaffDirectory, StaffMember, StaffRoster
from helpdesk.kernel.clock import Clock
from helpdesk.mail.public import ParsedMail
from helpdesk.settings import Settings
from helpdesk.tickets.model.message import Message
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import Mailer, RawMailStore, ReplyDelivery, SurveyStore, TicketStores
from helpdesk.tickets.services.acknowledgements import AckConfig, Acknowledger
from helpdesk.tickets.services.conversations import StaffConversations
from helpdesk.tickets.services.csat import CsatConfig, CsatService
from helpdesk.tickets.services.ingest import FaultHook, IngestConfig, MailIngest, no_fault
from helpdesk.tickets.services.mailboxes import MailboxService
from helpdesk.tickets.services.outbound import OutboundConfig, OutboundService
from helpdesk.tickets.services.quarantine import QuarantineService
from helpdesk.tickets.services.signatures import SignatureService
from helpdesk.tickets.services.tickets import StaffConfig, TicketService


@dataclass(frozen=True)
class TicketConfig:
    support_domain: str
    support_address: str
    token_secret: bytes
    from_name: str = "Support"
    ack_limit: int = 3
    ack_window_seconds: int = 3600
    max_mail_bytes: int = 30 * 1024 * 1024
    download_expiry_seconds: int = 300
    rating_page: str = ""  # where a satisfaction survey's links lead

    @classmethod
    def from_settings(cls, settings: Settings, token_secret: bytes) -> TicketConfig:
        return cls(
            support_domain=settings.support_domain,
            support_address=settings.support_address,
            token_secret=token_secret,
            from_name=settings.support_from_name,
            ack_limit=settings.ack_limit,
            ack_window_seconds=settings.ack_window_seconds,
            max_mail_bytes=settings.max_mail_bytes,
            download_expiry_seconds=settings.download_url_expiry_seconds,
            rating_page=settings.cabinet_url.rstrip("/") + "/rate.html",
        )


@dataclass(frozen=True)
class TicketServices:
    mail_ingest: MailIngest
    tickets: TicketService
    outbound: OutboundService
    quarantine: QuarantineService
    mailboxes: MailboxService
    csat: CsatService | None = None
    conversations: StaffConversations | None = None


class _NoStaff:
    """Where no directory is given nobody can be assigned by hand (mail still is, by its mailbox)."""

    def members(self) -> list[StaffMember]:
        return []


def build_ticket_services(
    stores: TicketStores,
    mailer: Mailer,
    raw_mail: RawMailStore,
    parse: Callable[[bytes], ParsedMail],
    clock: Clock,
    config: TicketConfig,
    fault: FaultHook = no_fault,
    reply_delivery: ReplyDelivery | None = None,
    staff: StaffDirectory | None = None,
    surveys: SurveyStore | None = None,
    signatures: SignatureService | None = None,
    on_mention: Callable[[Ticket, Message, tuple[str, ...]], object] | None = None,
) -> TicketServices:
    """`reply_delivery` sends staff replies later (a queue); by default they are delivered at once."""
    outbound = OutboundService(
        stores.outbox,
        stores.messages,
        stores.customers,
        stores.attachments,
        mailer,
        stores.limiter,
        OutboundConfig(
            config.support_address,
            config.from_name,
            config.token_secret,
            config.ack_limit,
            config.ack_window_seconds,
        ),
    )
    acks = Acknowledger(
        stores.messages,
        stores.outbox,
        outbound,
        AckConfig(config.support_address, config.support_domain, config.token_secret),
    )
    ingest = MailIngest(
        stores,
        parse,
        clock,
        acks,
        raw_mail,
        IngestConfig(
            config.support_domain,
            config.support_address,
            config.token_secret,
            config.max_mail_bytes,
        ),
        fault,
    )
    csat = (
        CsatService(
            surveys,
            stores,
            reply_delivery or outbound,
            clock,
            CsatConfig(
                config.support_address, config.support_domain, config.token_secret, config.rating_page
            ),
        )
        if surveys is not None
        else None
    )
    desk = TicketService(
        stores,
        reply_delivery or outbound,  # type: ignore[arg-type]
        clock,
        StaffConfig(
            config.support_address, config.support_domain, config.token_secret, config.download_expiry_seconds
        ),
        StaffRoster(staff or _NoStaff()),
        csat.ticket_solved if csat else None,
        signatures.of if signatures else lambda _author: "",
        on_mention,
    )
    quarantine = QuarantineService(stores.quarantine, stores.ledger, raw_mail, ingest)
    conversations = StaffConversations(
        stores,
        desk,
        reply_delivery or outbound,
        clock,
        desk.config,
    )
    return TicketServices(
        ingest, desk, outbound, quarantine, MailboxService(stores.mailboxes), csat, conversations
    )
