"""Mailboxes and who gets a ticket: round robin among available managers, sticky for follow-ups."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mailbox:
    name: str
    managers: tuple[str, ...] = ()
    unavailable: frozenset[str] = frozenset()

    @property
    def available(self) -> tuple[str, ...]:
        return tuple(sorted(m for m in self.managers if m not in self.unavailable))


def round_robin(mailbox: Mailbox, turn: int) -> str | None:
    """The manager whose turn it is; `turn` comes from an atomic counter so concurrent workers never
    collide."""
    available = mailbox.available
    if not available:
        return None
    return available[turn % len(available)]


def choose_assignee(mailbox: Mailbox | None, previous: str | None, turn: int | None) -> str | None:
    """Sticky first (a follow-up goes to whoever handled the conversation), then the next in the rotation."""
    if mailbox is None:
        return previous
    if previous and previous in mailbox.available:
        return previous
    if turn is None:
        return None
    return round_robin(mailbox, turn)


def mailbox_for(recipients: list[str], support_domain: str, default: str = "support") -> str:
    """The mailbox is the local part of the first recipient at our domain, without any +token."""
    for address in recipients:
        local, _, domain = address.lower().rpartition("@")
        if domain == support_domain.lower() and local:
            return local.split("+", 1)[0]
    return default
