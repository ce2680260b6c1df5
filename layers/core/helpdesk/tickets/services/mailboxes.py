"""Mailbox set-up for assignment: who works a mailbox, and who is away (skipped by the round robin)."""

from __future__ import annotations

from dataclasses import replace

from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tickets.model.assignment import Mailbox
from helpdesk.tickets.ports import MailboxRepository


class MailboxService:
    def __init__(self, mailboxes: MailboxRepository) -> None:
        self._mailboxes = mailboxes

    def configure(self, name: str, managers: list[str]) -> Mailbox:
        name = name.strip().lower()
        if not name or "@" in name or "+" in name:
            raise Invalid("a mailbox is the local part of a support address, e.g. 'support' or 'sales'")
        current = self._mailboxes.get(name) or Mailbox(name)
        mailbox = replace(current, managers=tuple(dict.fromkeys(m.strip() for m in managers if m.strip())))
        self._mailboxes.save(mailbox)
        return mailbox

    def set_available(self, name: str, manager: str, available: bool) -> Mailbox:
        mailbox = self.get(name)
        away = mailbox.unavailable - {manager} if available else mailbox.unavailable | {manager}
        updated = replace(mailbox, unavailable=frozenset(away))
        self._mailboxes.save(updated)
        return updated

    def get(self, name: str) -> Mailbox:
        mailbox = self._mailboxes.get(name)
        if mailbox is None:
            raise NotFound(f"mailbox {name}")
        return mailbox
