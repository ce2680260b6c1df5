"""Where does an inbound mail belong? Pure decisions; the service looks the candidates up.

Order of trust: a Message-ID the product stored or sent, then a signed reply token, then a ticket number in
the
subject (only from a participant, since numbers are guessable). Anything else opens a new ticket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from helpdesk.tickets.model.ticket import NUMBER_PREFIX, Ticket

_NUMBER = re.compile(rf"\b{re.escape(NUMBER_PREFIX)}(\d{{6,9}})\b", re.IGNORECASE)
_MESSAGE_ID = re.compile(r"^\s*(?:original-)?message-id:\s*<([^<>\s]+)>", re.IGNORECASE | re.MULTILINE)


class MatchedVia(StrEnum):
    REFERENCE = "reference"
    TOKEN = "token"
    SUBJECT = "subject"
    NONE = "none"


class ThreadAction(StrEnum):
    NEW = "new"
    JOIN = "join"
    LINKED = "linked"  # the old ticket was closed too long ago: a new ticket linked to it


@dataclass(frozen=True)
class ThreadDecision:
    action: ThreadAction
    via: MatchedVia
    ticket_id: str | None = None  # the ticket joined, or the one a new ticket links to


def ticket_number_in(subject: str) -> str | None:
    match = _NUMBER.search(subject or "")
    return f"{NUMBER_PREFIX}{match.group(1)}" if match else None


def bounced_message_ids(references: list[str], texts: list[str]) -> list[str]:
    """Message-IDs a bounce is about: its References, then those quoted in its text or returned parts."""
    found = list(references)
    for text in texts:
        found += _MESSAGE_ID.findall(text or "")
    return list(dict.fromkeys(m.strip("<>") for m in found if m))


def match_thread(
    referenced: list[Ticket],
    by_token: Ticket | None,
    by_subject: Ticket | None,
    sender: str,
) -> tuple[Ticket | None, MatchedVia]:
    if referenced:
        return referenced[0], MatchedVia.REFERENCE
    if by_token is not None:
        return by_token, MatchedVia.TOKEN
    if by_subject is not None and by_subject.is_participant(sender):
        return by_subject, MatchedVia.SUBJECT
    return None, MatchedVia.NONE


def decide(ticket: Ticket | None, via: MatchedVia, now: datetime, reopen_days: int) -> ThreadDecision:
    if ticket is None:
        return ThreadDecision(ThreadAction.NEW, MatchedVia.NONE)
    if ticket.closed_longer_than(reopen_days, now):
        return ThreadDecision(ThreadAction.LINKED, via, ticket.id)
    return ThreadDecision(ThreadAction.JOIN, via, ticket.id)
