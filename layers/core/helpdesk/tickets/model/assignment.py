"""Mailboxes and who gets a ticket: round robin among a team's available members, sticky for follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AssignmentRule(StrEnum):
    ROUND_ROBIN = "round_robin"  # new tickets go to the team's available members in turn
    MANUAL = "manual"  # new tickets wait unassigned for someone to take them


@dataclass(frozen=True)
class Team:
    name: str
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mailbox:
    name: str
    managers: tuple[str, ...] = ()  # the rotation: the team's members when a team is set
    unavailable: frozenset[str] = frozenset()
    team: str | None = None
    rule: AssignmentRule = AssignmentRule.ROUND_ROBIN
    sticky: bool = True  # a follow-up goes to whoever handled the conversation

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


def takes_a_turn(mailbox: Mailbox | None, previous: str | None) -> bool:
    """Whether choosing needs the next turn of the mailbox's rotation (the counter moves only then)."""
    if mailbox is None or mailbox.rule is AssignmentRule.MANUAL:
        return False
    return not (mailbox.sticky and previous and previous in mailbox.available)


def choose_assignee(mailbox: Mailbox | None, previous: str | None, turn: int | None) -> str | None:
    """Sticky first (a follow-up goes to whoever handled the conversation), then the next in the rotation."""
    if mailbox is None:
        return previous
    if mailbox.rule is AssignmentRule.MANUAL:
        return None
    if mailbox.sticky and previous and previous in mailbox.available:
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
