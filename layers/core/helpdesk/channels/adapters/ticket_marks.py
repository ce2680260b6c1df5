"""Marks a ticket opened through a channel as from a verified sender, over the tickets context's stores."""

from __future__ import annotations

from helpdesk.channels.model.inbound import message_id
from helpdesk.tickets.public import TicketChanged, TicketStores

UNVERIFIED_TAG = "unverified"


class TicketVerification:
    def __init__(self, stores: TicketStores, support_domain: str) -> None:
        self._s, self._domain = stores, support_domain

    def confirm_sender(self, channel: str, message_key: str) -> bool:
        ids = self._s.messages.tickets_for_message_id(message_id(channel, message_key, self._domain))
        for ticket_id in ids:
            for _ in range(5):
                ticket = self._s.tickets.find(ticket_id)
                if ticket is None:
                    break
                if UNVERIFIED_TAG not in ticket.tags:
                    return True
                try:
                    self._s.tickets.update(ticket.with_tags([t for t in ticket.tags if t != UNVERIFIED_TAG]))
                    return True
                except TicketChanged:
                    continue
        return False
