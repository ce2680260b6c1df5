"""Tells colleagues @mentioned in a note: a console notice and a mail, once per note and person."""

from __future__ import annotations

from helpdesk.kernel.clock import Clock
from helpdesk.notices.public import Mailer, Notice, NoticeStore, OutgoingMail
from helpdesk.tickets.model.message import Message
from helpdesk.tickets.model.ticket import Ticket

EXCERPT = 1000


class MentionNotices:
    def __init__(self, store: NoticeStore, mailer: Mailer, clock: Clock, console_url: str) -> None:
        self._store, self._mailer, self._clock = store, mailer, clock
        self._console = console_url.rstrip("/")

    def __call__(self, ticket: Ticket, note: Message, people: tuple[str, ...]) -> int:
        who = note.author_name or note.author or "A colleague"
        subject = f"{who} mentioned you on {ticket.number}"
        link = f"{self._console}/#/tickets/{ticket.id}"
        about = f"{who} mentioned you in a note on {ticket.number} ({ticket.subject}):"
        text = f"{about}\n\n{note.text[:EXCERPT]}\n\n{link}"
        told = 0
        for email in people:
            notice_id = f"mention#{note.id}#{email.lower()}"
            notice = Notice(notice_id, "staff", email.lower(), subject, text, link, self._clock.now())
            if self._store.add(notice):  # a retried note tells nobody twice
                self._mailer.send(OutgoingMail(email, subject, text, notice_id))
                told += 1
        return told
