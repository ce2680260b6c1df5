"""Where does an inbound mail belong? Pure decisions; the service looks the candidates up.

Order of lookup: a Message-ID the product stored or sent, then a signed reply token, then a ticket number in
the subject. Only a sender who belongs to the ticket (a participant or of its organisation) and whose address
did not fail authentication joins it; anyone else opens a new ticket linked to it for staff review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from helpdesk.tickets.model.ticket import NUMBER_PREFIX, Ticket, TicketStatus

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
    review: bool = False  # linked because the sender could not join: staff decide


def ticket_number_in(subject: str) -> str | None:
    match = _NUMBER.search(subject or "")
    return f"{NUMBER_PREFIX}{match.group(1)}" if match else None


def bounced_message_ids(references: list[str], texts: list[str]) -> list[str]:
    """Message-IDs a bounce is about: its References, then those quoted in its text or returned parts."""
    found = list(references)
    for text in texts:
        found += _MESSAGE_ID.findall(text or "")
    return list(dict.fromkeys(m.strip("<>") for m in found if m))


@dataclass(frozen=True)
class SenderProof:
    """What vouches for an inbound mail's sender: the address, its organisation, the receipt's verdicts."""

    address: str
    organisation_id: str | None = None
    auth_failed: bool = False  # SPF, DKIM or DMARC said FAIL: the From address is not the sender's
    machine: bool = False  # bounces and auto-replies: not from a person, never a participant

    def belongs_to(self, ticket: Ticket) -> bool:
        return ticket.is_participant(self.address) or bool(
            self.organisation_id and self.organisation_id == ticket.organisation_id
        )


def match_thread(
    referenced: list[Ticket],
    by_token: Ticket | None,
    by_subject: Ticket | None,
    sender: SenderProof,
) -> tuple[Ticket | None, MatchedVia, bool]:
    """The ticket the mail is about, how it was found, and whether the sender may join it.

    Message-IDs and reply tokens travel with every copy of a mail, so they only say which ticket is meant;
    joining also needs a sender who already belongs to it and whose address passed authentication. A machine
    mail (a bounce) belongs where our own signed token leads. A subject number is guessable: from anyone else
    it is ignored.
    """
    candidates = [(t, MatchedVia.REFERENCE) for t in referenced]
    if by_token is not None:
        candidates.append((by_token, MatchedVia.TOKEN))
    if by_subject is not None and sender.belongs_to(by_subject):
        candidates.append((by_subject, MatchedVia.SUBJECT))
    if not candidates:
        return None, MatchedVia.NONE, False
    for ticket, via in candidates:
        if may_join(ticket, by_token, sender):
            return ticket, via, True
    ticket, via = candidates[0]
    return ticket, via, False


def may_join(ticket: Ticket, by_token: Ticket | None, sender: SenderProof) -> bool:
    vouched = sender.machine and by_token is not None and ticket.id == by_token.id
    return (sender.belongs_to(ticket) or vouched) and not sender.auth_failed


def ends_search(ticket: Ticket, by_token: Ticket | None, sender: SenderProof) -> bool:
    """A referenced ticket after which `match_thread` looks at no further one: the sender may join it, or
    may join none (a failed authentication), so the first one found is the answer."""
    return sender.auth_failed or may_join(ticket, by_token, sender)


def decide(ticket: Ticket | None, via: MatchedVia, now: datetime, may_join: bool = True) -> ThreadDecision:
    if ticket is None:
        return ThreadDecision(ThreadAction.NEW, MatchedVia.NONE)
    if not may_join:
        return ThreadDecision(ThreadAction.LINKED, via, ticket.id, review=True)
    if ticket.status is TicketStatus.CLOSED:  # closed is final (solved is the state a reply reopens)
        return ThreadDecision(ThreadAction.LINKED, via, ticket.id)
    return ThreadDecision(ThreadAction.JOIN, via, ticket.id)
