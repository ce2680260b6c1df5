"""Planning an inbound mail: who sent it, which ticket it belongs to, who gets it, whether it is acknowledged.

The plan is computed once and stored in the mail's processing record, so a redelivery replays the same
decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpdesk.kernel.errors import Unavailable
from helpdesk.mail.public import MailKind, ParsedMail, mail_language
from helpdesk.tickets.model.assignment import choose_assignee, mailbox_for, takes_a_turn
from helpdesk.tickets.model.customer import Customer, organisation_domain, stable_id
from helpdesk.tickets.model.ingest import UNPROVEN_CHANNELS
from helpdesk.tickets.model.reply_token import find_ticket_in
from helpdesk.tickets.model.threading import (
    MatchedVia,
    SenderProof,
    ThreadAction,
    bounced_message_ids,
    decide,
    ends_search,
    match_thread,
    ticket_number_in,
)
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import ExpectedReads, TicketStores
from helpdesk.tickets.services.customer_registry import CustomerRegistry

# Parts of a bounce that carry the returned message or its headers.
RETURNED_PARTS = frozenset(
    {"message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"}
)


@dataclass(frozen=True)
class PlanConfig:
    support_domain: str
    token_secret: bytes


def mail_identity(parsed: ParsedMail, sender: str, source_identity: str) -> str:
    """Two copies of one mail (same Message-ID, same sender) are one message; a reused Message-ID is not."""
    if parsed.message_id:
        return f"mid:{parsed.message_id}|{sender}"
    return f"src:{source_identity}"


class MailPlanner:
    def __init__(self, stores: TicketStores, config: PlanConfig) -> None:
        self._s = stores
        self._config = config
        self._customers = CustomerRegistry(stores)

    def expected_reads(self, parsed: ParsedMail, sender: str, identity: str) -> ExpectedReads:
        """What planning and delivering this mail will read, known from the mail alone."""
        domain = organisation_domain(sender)
        token_id = find_ticket_in(self._thread_texts(parsed), self._config.token_secret)
        return ExpectedReads(
            customer_emails=(sender,),
            organisation_domains=(domain,) if domain else (),
            message_guards=((parsed.message_id, sender),) if parsed.message_id else (),
            mailboxes=(self._mailbox(parsed),),
            ticket_ids=tuple(t for t in (token_id, stable_id("ticket", identity)) if t),
        )

    def plan(
        self,
        parsed: ParsedMail,
        sender: str,
        identity: str,
        now: datetime,
        channel: str = "mail",
        may_wait: bool = False,
    ) -> dict[str, str]:
        """`may_wait`: a chat message whose earlier message is not stored yet raises Unavailable (the queue
        retries it) instead of opening a ticket of its own; the caller stops waiting after a while."""
        customer = self._customer(parsed, sender)
        proof = SenderProof(sender, customer.organisation_id, parsed.auth.failed, parsed.kind.is_machine)
        target, via, may_join = self._thread(parsed, proof)
        if target is None and may_wait and self._answers_own_channel_message(parsed, channel):
            # Two chat messages sent a second apart can be ingested in parallel: the second must not
            # overtake the first and become a ticket of its own.
            raise Unavailable(f"the {channel} message this one follows is not stored yet")
        decision = decide(target, via, now, may_join)
        mailbox = target.mailbox if target else self._mailbox(parsed)
        plan = {
            "identity": identity,
            "action": decision.action.value,
            "via": decision.via.value,
            "customer_id": customer.id,
            "organisation_id": customer.organisation_id or "",
            "mailbox": mailbox,
            "message_id": stable_id("message", identity),
            "linked_to": "",
            "assignee": "",
            "ack": "",
            "review": "thread_unproven" if decision.review else "",
            "language": customer.language,
            "channel": channel,
            "unverified": "1" if channel in UNPROVEN_CHANNELS else "",
        }
        if decision.action is ThreadAction.JOIN:
            plan["ticket_id"] = decision.ticket_id or ""
            return plan
        previous = (target.last_assignee or target.assignee) if target else None
        plan["ticket_id"] = stable_id("ticket", identity)
        plan["linked_to"] = decision.ticket_id or ""
        plan["assignee"] = self._assignee(mailbox, previous) or ""
        ours = sender.endswith(
            "@" + self._config.support_domain.lower()
        )  # never answer ourselves: mail loops
        # A From address that failed authentication is not the sender's: answering it would be backscatter.
        # Only mail is acknowledged by mail: a chat's sender is answered in the chat, an unproven address not
        # at all (the form mails its confirmation link instead).
        other_channel = channel != "mail"
        plan["ack"] = "" if parsed.kind.is_machine or ours or parsed.auth.failed or other_channel else "1"
        return plan

    def _answers_own_channel_message(self, parsed: ParsedMail, channel: str) -> bool:
        ours = f"@{channel}.{self._config.support_domain}".lower()
        return channel != "mail" and any(m.lower().endswith(ours) for m in parsed.in_reply_to)

    def _customer(self, parsed: ParsedMail, sender: str) -> Customer:
        name = parsed.from_.name if parsed.from_ else ""
        if parsed.kind.is_machine:  # an auto-reply or bounce says nothing of the language its person writes
            return self._customers.for_mail(sender, name)
        language = mail_language(parsed.headers.get("content-language"), parsed.reply or parsed.text)
        return self._customers.for_mail(sender, name, language)

    def _thread(self, parsed: ParsedMail, sender: SenderProof) -> tuple[Ticket | None, MatchedVia, bool]:
        ids = [*reversed(parsed.in_reply_to), *reversed(parsed.references)]
        if parsed.kind is MailKind.BOUNCE:
            returned = [a.content[:65536].decode("utf-8", "replace") for a in parsed.attachments
                        if a.content_type.lower() in RETURNED_PARTS]  # fmt: skip
            ids = bounced_message_ids(ids, [parsed.text, *returned])
        recipients = [a.address for a in [*parsed.to, *parsed.cc]]
        token_id = find_ticket_in([*ids, *recipients], self._config.token_secret)
        by_token = self._follow(self._s.tickets.find(token_id)) if token_id else None
        referenced = self._referenced(list(dict.fromkeys(ids)), by_token, sender)
        number = parsed.ticket_ref or ticket_number_in(parsed.subject)
        by_subject = self._follow(self._s.tickets.by_number(number)) if number else None
        return match_thread(referenced, by_token, by_subject, sender)

    def _referenced(self, ids: list[str], by_token: Ticket | None, sender: SenderProof) -> list[Ticket]:
        """The tickets the Message-IDs name, nearest first, read only as far as `match_thread` looks (each
        unknown Message-ID is a query)."""
        found: list[Ticket] = []
        for message_id in ids:
            ticket = self._by_message_id(message_id)
            if ticket is not None:
                found.append(ticket)
                if ends_search(ticket, by_token, sender):
                    break
        return found

    @staticmethod
    def _thread_texts(parsed: ParsedMail) -> list[str]:
        ids = [*reversed(parsed.in_reply_to), *reversed(parsed.references)]
        return [*ids, *(a.address for a in [*parsed.to, *parsed.cc])]

    def _by_message_id(self, message_id: str) -> Ticket | None:
        ours = find_ticket_in([message_id], self._config.token_secret)
        if ours:  # our own Message-IDs carry their ticket's signed token: no query needed
            return self._follow(self._s.tickets.find(ours))
        for ticket_id in self._s.messages.tickets_for_message_id(message_id):
            ticket = self._follow(self._s.tickets.find(ticket_id))
            if ticket is not None:
                return ticket
        return None

    def _follow(self, ticket: Ticket | None) -> Ticket | None:
        """A merged ticket's mail goes to the ticket it was merged into."""
        for _ in range(5):
            if ticket is None or not ticket.merged_into:
                return ticket
            ticket = self._s.tickets.find(ticket.merged_into)
        return ticket

    def _mailbox(self, parsed: ParsedMail) -> str:
        return mailbox_for([a.address for a in [*parsed.to, *parsed.cc]], self._config.support_domain)

    def _assignee(self, mailbox_name: str, previous: str | None) -> str | None:
        mailbox = self._s.mailboxes.get(mailbox_name)
        turn = (
            self._s.counter.next(f"round-robin#{mailbox_name}") if takes_a_turn(mailbox, previous) else None
        )
        return choose_assignee(mailbox, previous, turn)
