"""Staff use cases on tickets: find, read, reply, note, change, merge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from helpdesk.identity.public import StaffRoster
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tickets.model.collision import check_collision
from helpdesk.tickets.model.conversation import Conversation, TicketChange
from helpdesk.tickets.model.customer import stable_id
from helpdesk.tickets.model.mentions import mentioned
from helpdesk.tickets.model.message import AttachmentRef, Direction, Message, served_type, stored_html
from helpdesk.tickets.model.mime import OutboundFile, checked_address
from helpdesk.tickets.model.reply_token import make_token, outgoing_message_id
from helpdesk.tickets.model.signature import signed, signed_html
from helpdesk.tickets.model.ticket import Ticket, TicketStatus
from helpdesk.tickets.ports import OutboxEntry, Page, TicketChanged, TicketNotFound, TicketQuery, TicketStores
from helpdesk.tickets.services.outbound import OutboundService

MAX_PAGE = 100


@dataclass(frozen=True)
class StaffConfig:
    support_address: str
    support_domain: str
    token_secret: bytes
    download_expiry_seconds: int = 300


class TicketService:
    def __init__(
        self,
        stores: TicketStores,
        outbound: OutboundService,
        clock: Clock,
        config: StaffConfig,
        staff: StaffRoster,
        on_solved: Callable[[Ticket], object] | None = None,
        signature_of: Callable[[str], str] = lambda _author: "",
        on_mention: Callable[[Ticket, Message, tuple[str, ...]], object] | None = None,
    ) -> None:
        self._on_mention = on_mention
        self._signature_of = signature_of
        self._on_solved = on_solved  # the satisfaction survey
        self._staff = staff
        self._s = stores
        self._outbound = outbound
        self._clock = clock
        self._config = config

    @property
    def config(self) -> StaffConfig:
        return self._config

    def list_tickets(self, query: TicketQuery, limit: int = 25, cursor: str | None = None) -> Page[Ticket]:
        return self._s.tickets.list(query, max(1, min(limit, MAX_PAGE)), cursor)

    def get_ticket(self, ticket_id: str) -> Conversation:
        ticket = self._ticket(ticket_id)
        messages = [m for tid in (ticket.id, *ticket.merged_ids) for m in self._s.messages.for_ticket(tid)]
        messages.sort(key=lambda m: m.sort_key)
        return Conversation(ticket, messages)

    def reply(
        self,
        ticket_id: str,
        author: str,
        text: str,
        html: str = "",
        files: list[OutboundFile] | None = None,
        client_token: str | None = None,
        author_name: str = "",
        *,
        seen_message_id: str | None = None,
        confirm: bool = False,
        then: TicketStatus | None = None,
        cc: tuple[str, ...] = (),
        bcc: tuple[str, ...] = (),
    ) -> Message:
        """Store a staff reply and send it to the ticket's participants (and `cc`, `bcc`), threaded onto the
        conversation. ReplyCollision when someone wrote after `seen_message_id`, unless `confirm`; `then` sets
        the status in the same save (send and pending / solved)."""
        conversation = self.get_ticket(ticket_id)
        ticket = conversation.ticket
        check_collision(conversation.messages, seen_message_id, confirm)
        to = tuple(checked_address(a) for a in ticket.participants)
        if not to:
            raise Invalid("the ticket has no one to reply to")
        cc = tuple(dict.fromkeys(checked_address(a).lower() for a in cc if a.lower() not in to))
        bcc = tuple(dict.fromkeys(checked_address(a).lower() for a in bcc if a.lower() not in (*to, *cc)))
        recipients = (*to, *cc, *bcc)
        _after_reply(
            ticket, author, self._clock.now(), then
        )  # an impossible `then` fails before anything is sent
        now = self._clock.now()
        message_key = stable_id("reply", ticket.id, client_token or now.isoformat(), author)
        mails = [m for m in conversation.messages if m.message_id and m.direction is not Direction.NOTE]
        last = mails[-1] if mails else None
        signature = self._signature_of(author)
        text = signed(text, signature)
        html, html_cut = stored_html(signed_html(html, signature))
        message = Message(
            id=message_key,
            ticket_id=ticket.id,
            direction=Direction.OUTBOUND,
            created_at=now,
            from_=self._config.support_address,
            to=to,
            cc=cc,
            bcc=bcc,
            subject=_reply_subject(ticket),
            text=text,
            html=html,
            truncated=html_cut,
            attachments=self._store_files(ticket.id, message_key, files or []),
            message_id=outgoing_message_id(
                make_token(ticket.id, self._config.token_secret), message_key, self._config.support_domain
            ),
            in_reply_to=last.message_id if last else None,
            references=tuple(m.message_id for m in mails if m.message_id)[-20:],
            kind="reply",
            author=author,
            author_name=author_name,
        )
        if not self._s.messages.add(message, self._config.support_address):
            return message  # the same client token was sent before
        self._change(ticket.id, lambda t: _after_reply(t, author, now, then))
        self._s.outbox.add(OutboxEntry(message_key, ticket.id, message.sort_key, recipients, now))
        self._outbound.deliver(message_key, now)
        return message

    def add_note(
        self,
        ticket_id: str,
        author: str,
        text: str,
        author_name: str = "",
        files: list[OutboundFile] | None = None,
    ) -> Message:
        """An internal note (with files staff can download, never the customer); @mentioned staff are told."""
        ticket = self._ticket(ticket_id)
        now = self._clock.now()
        note_id = stable_id("note", ticket.id, now.isoformat(), author)
        note = Message(
            id=note_id,
            ticket_id=ticket.id,
            direction=Direction.NOTE,
            created_at=now,
            from_=author,
            text=text,
            attachments=self._store_files(ticket.id, note_id, files or []),
            kind="note",
            author=author,
            author_name=author_name,
        )
        self._s.messages.add(note, f"staff:{author}")
        self._change(ticket.id, lambda t: t.touched(now))
        people = mentioned(text, self._staff.members(), author)
        if people and self._on_mention:
            self._on_mention(ticket, note, people)
        return note

    def change(self, ticket_id: str, change: TicketChange) -> Ticket:
        """NotStaff when the new assignee is no staff user: a typo must not park a ticket with nobody."""
        now = self._clock.now()
        if change.assignee is not None and not change.unassign:
            change = replace(change, assignee=self._staff.assignee_email(change.assignee))

        def apply(ticket: Ticket) -> Ticket:
            if change.status is not None:
                ticket = ticket.change_status(change.status, now)
            if change.priority is not None:
                ticket = replace(ticket, priority=change.priority)
            if change.assignee is not None or change.unassign:
                ticket = ticket.assign(None if change.unassign else change.assignee)
            if change.tags is not None:
                ticket = ticket.with_tags(change.tags)
            return ticket

        was = self._ticket(ticket_id).status
        changed = self._change(ticket_id, apply)
        if self._on_solved and changed.status is TicketStatus.SOLVED and was is not TicketStatus.SOLVED:
            self._on_solved(changed)
        return changed

    def snooze(self, ticket_id: str, until: datetime) -> Ticket:
        now = self._clock.now()
        return self._change(ticket_id, lambda t: t.snooze(until, now))

    def wake(self, ticket_id: str) -> Ticket:
        """Open a snoozed ticket whose time has come (a no-op otherwise: the sweep may run late or twice)."""
        now = self._clock.now()
        return self._change(ticket_id, lambda t: t.woken(now))

    def merge(self, source_id: str, target_id: str) -> Ticket:
        """Fold `source` into `target`: its conversation shows in the target and its mail threads there."""
        if source_id == target_id:
            raise Invalid("a ticket cannot be merged into itself")
        source, target = self._ticket(source_id), self._ticket(target_id)
        if source.merged_into or target.merged_into:
            raise Invalid("a merged ticket cannot be merged again")
        now = self._clock.now()
        merged = self._change(
            target.id,
            lambda t: replace(
                t,
                merged_ids=tuple(dict.fromkeys([*t.merged_ids, source.id, *source.merged_ids])),
                participants=tuple(dict.fromkeys([*t.participants, *source.participants])),
                tags=tuple(sorted({*t.tags, *source.tags})),
            ).touched(now),
        )
        self._change(
            source.id,
            lambda t: replace(
                t.change_status(TicketStatus.CLOSED, now), merged_into=target.id, linked_ticket_id=target.id
            ),
        )
        return merged

    def attachment_url(self, ticket_id: str, key: str) -> str:
        conversation = self.get_ticket(ticket_id)
        for message in conversation.messages:
            for ref in message.attachments:
                if ref.key == key:
                    return self._s.attachments.download_url(
                        key, ref.filename, self._config.download_expiry_seconds, served_type(ref.content_type)
                    )
        raise NotFound("no such attachment on this ticket")

    def _ticket(self, ticket_id: str) -> Ticket:
        ticket = self._s.tickets.find(ticket_id) or self._s.tickets.by_number(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return ticket

    def _change(self, ticket_id: str, apply: Callable[[Ticket], Ticket]) -> Ticket:
        for _ in range(8):
            ticket = self._ticket(ticket_id)
            updated = apply(ticket)
            if updated == ticket:
                return ticket
            updated = replace(updated, updated_at=self._clock.now())
            try:
                return self._s.tickets.update(updated)
            except TicketChanged:
                continue
        raise TicketChanged(ticket_id)

    def _store_files(
        self, ticket_id: str, message_key: str, files: list[OutboundFile]
    ) -> tuple[AttachmentRef, ...]:
        refs = []
        for n, file in enumerate(files):
            key = f"tickets/{ticket_id}/{message_key}/{n}"
            self._s.attachments.put(key, file.content, file.content_type)
            refs.append(AttachmentRef(key, file.filename, file.content_type, len(file.content)))
        return tuple(refs)


def _reply_subject(ticket: Ticket) -> str:
    subject = ticket.subject if ticket.subject.lower().startswith("re:") else f"Re: {ticket.subject}"
    return subject if ticket.number in subject else f"[#{ticket.number}] {subject}"


def _after_reply(ticket: Ticket, author: str, now: datetime, then: TicketStatus | None = None) -> Ticket:
    if ticket.status is TicketStatus.NEW:
        ticket = ticket.change_status(TicketStatus.OPEN, now)
    if then is not None:
        ticket = ticket.change_status(then, now)
    if ticket.assignee is None:
        ticket = ticket.assign(author)
    return ticket.touched(now)
