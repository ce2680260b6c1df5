"""Ingest one inbound mail into its ticket, exactly once, whatever crashes and redeliveries happen.

Every write is keyed by the mail's identity: the processing record (plan and steps), the ticket id of a new
ticket, the message and its (Message-ID, sender) guard, the attachment keys and the acknowledgement's outbox
entry. A rerun after a crash therefore converges on the same items; the outbox claim makes the
acknowledgement at-most-once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import NotFound, Unavailable
from helpdesk.mail.public import MailKind, ParsedMail
from helpdesk.tickets.model.customer import mail_address, shown_text
from helpdesk.tickets.model.ingest import (
    Checkpoint,
    FaultHook,
    IngestConfig,
    IngestOutcome,
    IngestResult,
    MailSource,
    no_fault,
)
from helpdesk.tickets.model.message import (
    BODY_BYTES,
    AttachmentRef,
    Direction,
    Message,
    cut_utf8,
    stored_html,
)
from helpdesk.tickets.model.quarantine import QuarantinedMail
from helpdesk.tickets.ports import MailRecord, MailStep, RawMailStore, TicketStores
from helpdesk.tickets.services.acknowledgements import Acknowledger
from helpdesk.tickets.services.ingest_plan import MailPlanner, PlanConfig, mail_identity
from helpdesk.tickets.services.mail_tickets import TicketWriter

# How long a chat message waits (retried by its queue) for the earlier message it follows; then it opens
# a ticket of its own rather than wait for one that may have been quarantined.
PARENT_WAIT = timedelta(minutes=2)


class MailIngest:
    def __init__(
        self,
        stores: TicketStores,
        parse: Callable[[bytes], ParsedMail],
        clock: Clock,
        acknowledger: Acknowledger,
        raw_mail: RawMailStore,
        config: IngestConfig,
        fault: FaultHook = no_fault,
    ) -> None:
        self._s = stores
        self._parse = parse
        self._clock = clock
        self._acks = acknowledger
        self._raw = raw_mail
        self._config = config
        self._fault = fault
        self._planner = MailPlanner(stores, PlanConfig(config.support_domain, config.token_secret))
        self._writer = TicketWriter(stores)

    def ingest_object(self, source: MailSource) -> IngestResult:
        """What the worker calls per notification: read the stored mail and ingest it."""
        try:
            raw = self._raw.get(source.bucket, source.key)
        except NotFound:
            return IngestResult(IngestOutcome.MISSING, reason=f"no object {source.bucket}/{source.key}")
        return self.ingest_mail(source, raw)

    def ingest_mail(self, source: MailSource, raw: bytes, accept_problems: bool = False) -> IngestResult:
        with self._s.reads.session():
            return self._ingest(source, raw, accept_problems)

    def _ingest(self, source: MailSource, raw: bytes, accept_problems: bool) -> IngestResult:
        # Parsed first, so the processing record comes in the same read-ahead as everything else.
        parsed, reason = self._parsed(raw, accept_problems)
        sender = mail_address(parsed.from_.address) if parsed and parsed.from_ else ""
        if parsed is not None and sender:
            identity = mail_identity(parsed, sender, source.identity)
            expected = self._planner.expected_reads(parsed, sender, identity)
            self._s.reads.expect(replace(expected, mail_records=(source.record_key,)))
        record = self._s.ledger.find(source.record_key)
        if record is not None and (record.did(MailStep.DONE) or record.did(MailStep.QUARANTINED)):
            self._fault(Checkpoint.BEFORE_DELETE, source)
            return IngestResult(IngestOutcome.DUPLICATE, record.plan.get("ticket_id"))
        self._fault(Checkpoint.AFTER_READ, source)
        if parsed is not None and not sender:
            reason = "no_sender: no From address a reply can reach (none, control chars, non-ASCII local)"
        elif sender and not accept_problems and self._blocked(sender):
            reason = "blocked_sender: marked as spam by staff; release it here to ticket it"
        if parsed is None or reason:
            return self._quarantine(source, self._begun(source, record), raw, parsed, reason)
        if parsed.kind is MailKind.BOUNCE:
            self._writer.mark_undeliverable(parsed)
        if record is None or not record.plan:
            record = self._new_plan(source, record, parsed, sender)
        plan = record.plan
        if not plan:
            self._s.ledger.mark(record.key, MailStep.DONE)
            self._fault(Checkpoint.BEFORE_DELETE, source)
            return IngestResult(IngestOutcome.DUPLICATE)
        if plan["action"] != "join" and parsed.kind is MailKind.BOUNCE:
            return self._quarantine(source, record, raw, parsed, "bounce_unmatched: no ticket sent that mail")
        ticket_id = self._deliver(source, record, parsed, sender, plan)
        return IngestResult(IngestOutcome.TICKETED, ticket_id)

    def _blocked(self, sender: str) -> bool:
        customer = self._s.customers.by_email(sender)
        return customer is not None and customer.blocked

    def _deliver(
        self, source: MailSource, record: MailRecord, parsed: ParsedMail, sender: str, plan: dict[str, str]
    ) -> str:
        at = record.started_at
        ticket = self._writer.place(plan, parsed, sender, at)
        self._fault(Checkpoint.AFTER_TICKET, source)
        refs = self._store_attachments(plan, parsed)
        self._fault(Checkpoint.AFTER_ATTACHMENTS, source)
        message = self._message(plan, parsed, sender, refs, at, record.key)
        self._s.messages.add(message, sender)
        self._fault(Checkpoint.AFTER_INDEX, source)
        if plan["ack"]:
            ack_at = at + timedelta(milliseconds=1)
            self._acks.acknowledge(
                ticket, message, sender, plan["identity"], ack_at, plan.get("language", "")
            )
        self._fault(Checkpoint.AFTER_ACK, source)
        self._s.ledger.mark(record.key, MailStep.DONE)
        self._fault(Checkpoint.BEFORE_DELETE, source)
        return ticket.id

    def _parsed(self, raw: bytes, accept_problems: bool) -> tuple[ParsedMail | None, str]:
        if len(raw) > self._config.max_mail_bytes:
            return None, f"oversize: {len(raw)} bytes > {self._config.max_mail_bytes}"
        try:
            parsed = self._parse(raw)
        except Exception as error:  # noqa: BLE001 - any parser failure must quarantine, never drop
            return None, f"unparseable: {type(error).__name__}: {error}"[:500]
        if parsed.quarantine_reason and not accept_problems:
            return parsed, parsed.quarantine_reason
        return parsed, ""

    def _begun(self, source: MailSource, record: MailRecord | None) -> MailRecord:
        return record or self._s.ledger.begin(source.record_key, self._clock.now())

    def _new_plan(
        self, source: MailSource, record: MailRecord | None, parsed: ParsedMail, sender: str
    ) -> MailRecord:
        """The record with its plan: created with it in one write on first sight (a record without a plan
        is from an attempt that waited or crashed while planning). An empty plan: a duplicate."""
        identity = mail_identity(parsed, sender, source.identity)
        if parsed.message_id and self._s.messages.is_stored(parsed.message_id, sender):
            return self._begun(source, record)  # the same mail reached us as another object: one message
        now = self._clock.now()
        started_at = record.started_at if record else now
        try:
            plan = self._planner.plan(
                parsed, sender, identity, started_at, source.channel, may_wait=now - started_at < PARENT_WAIT
            )
        except Unavailable:
            self._begun(source, record)  # the wait for the earlier message counts from this first try
            raise
        if record is None:
            return self._s.ledger.begin_planned(source.record_key, started_at, plan)
        return replace(record, plan=self._s.ledger.save_plan(record.key, plan))

    def _store_attachments(self, plan: dict[str, str], parsed: ParsedMail) -> tuple[AttachmentRef, ...]:
        refs = []
        for n, attachment in enumerate(parsed.attachments):
            key = f"tickets/{plan['ticket_id']}/{plan['message_id']}/{n}"
            self._s.attachments.put(key, attachment.content, attachment.content_type)
            refs.append(
                AttachmentRef(
                    key, attachment.filename, attachment.content_type, attachment.size, attachment.sha256
                )
            )
        return tuple(refs)

    def _message(
        self,
        plan: dict[str, str],
        parsed: ParsedMail,
        sender: str,
        refs: tuple[AttachmentRef, ...],
        at: datetime,
        record_key: str,
    ) -> Message:
        bodies = {name: cut_utf8(getattr(parsed, name), limit) for name, limit in BODY_BYTES.items()}
        bodies["html"] = stored_html(parsed.html)
        return Message(
            id=plan["message_id"],
            ticket_id=plan["ticket_id"],
            direction=Direction.INBOUND,
            created_at=at,
            from_=sender,
            to=tuple(a for a in (mail_address(a.address) for a in parsed.to) if a),
            cc=tuple(a for a in (mail_address(a.address) for a in parsed.cc) if a),
            subject=parsed.subject,
            text=bodies["text"][0],
            html=bodies["html"][0],
            reply=bodies["reply"][0],
            truncated=any(cut for _, cut in bodies.values()),
            attachments=refs,
            message_id=parsed.message_id or f"{record_key}@missing-message-id.invalid",
            in_reply_to=parsed.in_reply_to[-1] if parsed.in_reply_to else None,
            references=tuple(parsed.references),
            kind=parsed.kind.value,
            channel=plan.get("channel", "mail"),
        )

    def _quarantine(
        self, source: MailSource, record: MailRecord, raw: bytes, parsed: ParsedMail | None, reason: str
    ) -> IngestResult:
        held = QuarantinedMail(
            key=record.key,
            bucket=source.bucket,
            object_key=source.key,
            reason=reason,
            created_at=record.started_at,
            sender=shown_text(parsed.from_.address) if parsed and parsed.from_ else "",
            subject=(parsed.subject if parsed else "")[:200],
            size=len(raw),
            etag=source.etag or "",
            ses_message_id=source.ses_message_id or "",
        )
        self._s.quarantine.put(held)
        self._s.ledger.mark(record.key, MailStep.QUARANTINED)
        self._fault(Checkpoint.BEFORE_DELETE, source)
        return IngestResult(IngestOutcome.QUARANTINED, reason=reason)
