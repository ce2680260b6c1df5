"""Ingest one inbound mail into its ticket, exactly once, whatever crashes and redeliveries happen.

Every write is keyed by the mail's identity: the processing record (plan and steps), the ticket id of a new
ticket, the message and its (Message-ID, sender) guard, the attachment keys and the acknowledgement's outbox
entry. A new mail's writes land together in one unit of work (one transaction on DynamoDB), the record among
them, so a crash before it leaves nothing and a rerun starts afresh. When the unit is refused (another writer
came first) the mail goes the step-by-step way: the plan stored first, then each write on its own and safe to
repeat, so a rerun converges on the same items. The outbox claim makes the acknowledgement at-most-once.
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
from helpdesk.tickets.model.quarantine import QuarantinedMail
from helpdesk.tickets.ports import MailRecord, MailStep, RawMailStore, TicketStores, WritesConflict
from helpdesk.tickets.services.acknowledgements import Acknowledger
from helpdesk.tickets.services.ingest_message import inbound_message, store_attachments
from helpdesk.tickets.services.ingest_plan import MailPlanner, PlanConfig, mail_identity
from helpdesk.tickets.services.mail_tickets import TicketWriter

# How long a chat message waits (retried by its queue) for the earlier message it follows; then it opens
# a ticket of its own rather than wait for one that may have been quarantined.
PARENT_WAIT = timedelta(minutes=2)
ACK_DELAY = timedelta(milliseconds=1)  # the acknowledgement sorts right after the mail it answers


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
        now = self._clock.now()  # the plan's, if the mail is new
        if parsed is not None and sender:
            identity = mail_identity(parsed, sender, source.identity)
            expected = self._planner.expected_reads(parsed, sender, identity)
            checks = (self._acks.rate_check(sender, now),)  # its acknowledgement's, if it opens a ticket
            self._s.reads.expect(replace(expected, mail_records=(source.record_key,), rate_checks=checks))
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
            return self._quarantine(source, self._begun(source, record, now), raw, parsed, reason)
        if parsed.kind is MailKind.BOUNCE:
            self._writer.mark_undeliverable(parsed)
        elif record is None or not record.plan:
            try:
                return self._in_one_unit(source, record, parsed, sender, now)
            except WritesConflict:
                record = self._s.ledger.find(source.record_key)  # the unit forgot what it staged: read again
                if record is not None and (record.did(MailStep.DONE) or record.did(MailStep.QUARANTINED)):
                    self._fault(Checkpoint.BEFORE_DELETE, source)
                    return IngestResult(IngestOutcome.DUPLICATE, record.plan.get("ticket_id"))
        return self._step_by_step(source, record, raw, parsed, sender)

    def _in_one_unit(
        self, source: MailSource, record: MailRecord | None, parsed: ParsedMail, sender: str, now: datetime
    ) -> IngestResult:
        """A new mail's writes in one unit of work: the record (planned and done), the customer, the ticket,
        the message, the acknowledgement's outbox entry. Refused (another writer came first, or a mail half
        written by the step-by-step path), the caller takes that path."""
        try:
            with self._s.unit.atomically():
                planned = self._planned(source, record, parsed, sender, now)
                ticket_id, ack = (
                    self._write(source, planned, parsed, sender) if planned.plan else (None, None)
                )
                self._s.ledger.complete(planned)
        except Unavailable:
            self._begun(source, record, now)  # the wait for the earlier message counts from this first try
            raise
        if ack:
            self._acks.send(ack, planned.started_at + ACK_DELAY)
        if ticket_id is None:
            self._fault(Checkpoint.BEFORE_DELETE, source)
            return IngestResult(IngestOutcome.DUPLICATE)
        self._fault(Checkpoint.AFTER_ACK, source)
        self._fault(Checkpoint.BEFORE_DELETE, source)
        return IngestResult(IngestOutcome.TICKETED, ticket_id)

    def _step_by_step(
        self, source: MailSource, record: MailRecord | None, raw: bytes, parsed: ParsedMail, sender: str
    ) -> IngestResult:
        """Each write on its own and safe to repeat, the plan stored first so a rerun replays it."""
        if record is None or not record.plan:
            record = self._new_plan(source, record, parsed, sender)
        plan = record.plan
        if not plan:
            self._s.ledger.mark(record.key, MailStep.DONE)
            self._fault(Checkpoint.BEFORE_DELETE, source)
            return IngestResult(IngestOutcome.DUPLICATE)
        if plan["action"] != "join" and parsed.kind is MailKind.BOUNCE:
            reason = "bounce_unmatched: no ticket sent that mail"
            return self._quarantine(source, record, raw, parsed, reason)
        ticket_id, ack = self._write(source, record, parsed, sender)
        if ack:
            self._acks.send(ack, record.started_at + ACK_DELAY)
        self._fault(Checkpoint.AFTER_ACK, source)
        self._s.ledger.mark(record.key, MailStep.DONE)
        self._fault(Checkpoint.BEFORE_DELETE, source)
        return IngestResult(IngestOutcome.TICKETED, ticket_id)

    def _blocked(self, sender: str) -> bool:
        customer = self._s.customers.by_email(sender)
        return customer is not None and customer.blocked

    def _write(
        self, source: MailSource, record: MailRecord, parsed: ParsedMail, sender: str
    ) -> tuple[str, str | None]:
        """The ticket, the message and the acknowledgement's outbox entry; the ticket's id and the entry's."""
        plan, at = record.plan, record.started_at
        ticket = self._writer.place(plan, parsed, sender, at)
        self._fault(Checkpoint.AFTER_TICKET, source)
        refs = store_attachments(self._s.attachments, plan, parsed)
        self._fault(Checkpoint.AFTER_ATTACHMENTS, source)
        message = inbound_message(plan, parsed, sender, refs, at, record.key)
        self._s.messages.add(message, sender)
        self._fault(Checkpoint.AFTER_INDEX, source)
        if not plan["ack"]:
            return ticket.id, None
        language = plan.get("language", "")
        return ticket.id, self._acks.acknowledge(
            ticket, message, sender, plan["identity"], at + ACK_DELAY, language
        )

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

    def _begun(
        self, source: MailSource, record: MailRecord | None, now: datetime | None = None
    ) -> MailRecord:
        return record or self._s.ledger.begin(source.record_key, now or self._clock.now())

    def _planned(
        self, source: MailSource, record: MailRecord | None, parsed: ParsedMail, sender: str, now: datetime
    ) -> MailRecord:
        """The record with its plan, not written; an empty plan: a copy of a mail stored before."""
        stored = record is not None
        started_at = record.started_at if record else now
        if parsed.message_id and self._s.messages.is_stored(parsed.message_id, sender):
            return MailRecord(source.record_key, started_at, stored=stored)  # the same mail as another object
        identity = mail_identity(parsed, sender, source.identity)
        plan = self._planner.plan(
            parsed, sender, identity, started_at, source.channel, may_wait=now - started_at < PARENT_WAIT
        )
        return MailRecord(source.record_key, started_at, plan, stored=stored)

    def _new_plan(
        self, source: MailSource, record: MailRecord | None, parsed: ParsedMail, sender: str
    ) -> MailRecord:
        """The record with its plan: created with it in one write on first sight (a record without a plan
        is from an attempt that waited or crashed while planning). An empty plan: a duplicate."""
        try:
            planned = self._planned(source, record, parsed, sender, self._clock.now())
        except Unavailable:
            self._begun(source, record)  # the wait for the earlier message counts from this first try
            raise
        if not planned.plan:
            return self._begun(source, record)
        if record is None:
            return self._s.ledger.begin_planned(source.record_key, planned.started_at, planned.plan)
        return replace(record, plan=self._s.ledger.save_plan(record.key, planned.plan))

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
