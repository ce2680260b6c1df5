"""Staff merge a channel identity (a Telegram chat or WhatsApp number nobody had tied to an account) into the
known customer it turns out to be: its tickets move to that customer, and the chat is linked to the customer's
address, so what it writes later lands on them too, and replies still go out on the chat."""

from __future__ import annotations

from dataclasses import dataclass, replace

from helpdesk.channels.model.telegram import chat_of
from helpdesk.channels.model.whatsapp import chat_of_number
from helpdesk.channels.ports import ChannelLink, ChannelLinks
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tickets.public import Customer, TicketChanged, TicketQuery, TicketStores

_PAGE, _RETRIES = 100, 8


class ChannelIdentityNotFound(NotFound):
    """An unknown customer and one that is not a chat identity get the same answer."""


@dataclass(frozen=True)
class IdentityMerged:
    channel: str
    customer: Customer  # the known customer the chat now belongs to
    moved: int  # tickets moved this time (0 when repeated)


def chat_identity(address: str) -> tuple[str, str, int] | None:
    """(channel, bot or number id, chat id) for a chat's made-up address; None for a mail address."""
    telegram, whatsapp = chat_of(address), chat_of_number(address)
    if telegram:
        return "telegram", telegram[0], telegram[1]
    return ("whatsapp", whatsapp[0], whatsapp[1]) if whatsapp else None


class ChannelIdentities:
    def __init__(self, stores: TicketStores, links: ChannelLinks) -> None:
        self._s, self._links = stores, links

    def merge(self, identity_id: str, customer_email: str) -> IdentityMerged:
        source = self._s.customers.get(identity_id)
        found = chat_identity(source.email) if source else None
        if source is None or found is None:
            raise ChannelIdentityNotFound(f"channel identity {identity_id}")
        target = self._s.customers.by_email(customer_email.strip())
        if target is None:
            raise NotFound(f"customer {customer_email.strip().lower()}")
        if chat_identity(target.email):
            raise Invalid("merge a chat into a customer known by e-mail, not into another chat")
        channel, account, chat_id = found
        # what the chat writes from now on comes as the customer's address
        self._links.link(ChannelLink(channel, account, chat_id, target.email))
        return IdentityMerged(channel, target, self._move_tickets(source, target))

    def _move_tickets(self, source: Customer, target: Customer) -> int:
        moved, cursor = 0, None
        while True:
            page = self._s.tickets.list(TicketQuery(customer_id=source.id), _PAGE, cursor)
            moved += sum(self._move(ticket.id, target) for ticket in page.items)
            if page.cursor is None:
                return moved
            cursor = page.cursor

    def _move(self, ticket_id: str, target: Customer) -> int:
        for _ in range(_RETRIES):
            ticket = self._s.tickets.find(ticket_id)
            if ticket is None or ticket.customer_id == target.id:
                return 0
            try:
                self._s.tickets.update(
                    replace(ticket, customer_id=target.id, organisation_id=target.organisation_id)
                )
                return 1
            except TicketChanged:
                continue
        raise TicketChanged(ticket_id)
