"""The customer's cabinet: their organisation's tickets, orders, licenses and notices, nothing else.

Every read is scoped here, not in the routes: a foreign object answers NotFound, as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpdesk.cabinet.ports import OrderReader
from helpdesk.cabinet.services.licenses import with_renewals
from helpdesk.cabinet.services.tickets import CustomerTickets
from helpdesk.cabinet.views import CabinetLicenseView
from helpdesk.commerce.public import Order
from helpdesk.identity.public import Principal, organisation_scope
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden, NotFound
from helpdesk.licensing.public import LicenseQueries, RenewalStore
from helpdesk.notices.public import Notice, NoticeStore, notices_for
from helpdesk.tickets.public import (
    Conversation,
    Customer,
    CustomerRegistry,
    Direction,
    Message,
    OutboundFile,
    Page,
    Ticket,
    TicketNotFound,
    TicketQuery,
    TicketStores,
    TicketSurvey,
    customer_id_for,
    served_type,
)


@dataclass(frozen=True)
class Profile:
    customer_id: str
    email: str
    name: str
    organisation_id: str


class CabinetService:
    def __init__(
        self,
        stores: TicketStores,
        orders: OrderReader,
        licenses: LicenseQueries,
        notices: NoticeStore,
        clock: Clock,
        renewals: RenewalStore,
        download_expiry_seconds: int = 300,
        surveys: Callable[[str], TicketSurvey | None] = lambda _ticket_id: None,
    ) -> None:
        self._surveys = surveys
        self._s, self._orders, self._licenses, self._notices = stores, orders, licenses, notices
        self._renewals, self._clock = renewals, clock
        self._download_expiry = download_expiry_seconds
        self._writer = CustomerTickets(stores, clock)
        self._registry = CustomerRegistry(stores)

    def me(self, caller: Principal) -> Profile:
        customer = self._registered(caller)
        # The name they gave at sign-up wins over one a mail header once suggested.
        return Profile(customer.id, customer.email, caller.name or customer.name, _organisation(caller))

    def tickets(self, caller: Principal, limit: int = 25, cursor: str | None = None) -> Page[Ticket]:
        """The organisation's tickets: the caller's own were re-homed there when they registered."""
        self._registered(caller)
        query = TicketQuery(organisation_id=_organisation(caller))
        page = self._s.tickets.list(query, max(1, min(limit, 100)), cursor)
        return Page([t for t in page.items if _visible(caller, t)], page.cursor)

    def ticket(self, caller: Principal, ticket_id: str) -> Conversation:
        ticket = self._ticket(caller, ticket_id)
        messages = [m for tid in (ticket.id, *ticket.merged_ids) for m in self._s.messages.for_ticket(tid)]
        shown = sorted((m for m in messages if m.direction is not Direction.NOTE), key=lambda m: m.sort_key)
        return Conversation(ticket, shown)

    def survey(self, caller: Principal, ticket_id: str) -> TicketSurvey:
        """The survey of one of the caller's tickets, to rate it here instead of from the mail."""
        ticket = self._ticket(caller, ticket_id)
        found = self._surveys(ticket.id)
        if found is None:
            raise NotFound("this ticket has no survey")
        return found

    def attachment_url(self, caller: Principal, ticket_id: str, key: str) -> str:
        """A short-lived download of a file the caller can see in the conversation (never a note's)."""
        for message in self.ticket(caller, ticket_id).messages:
            for ref in message.attachments:
                if key and ref.key == key:
                    served = served_type(ref.content_type)
                    return self._s.attachments.download_url(key, ref.filename, self._download_expiry, served)
        raise TicketNotFound(ticket_id)  # a foreign, unknown or note's file: the same answer

    def open_ticket(self, caller: Principal, subject: str, text: str, files: list[OutboundFile]) -> Ticket:
        return self._writer.open(self._registered(caller), subject, text, files)

    def reply(self, caller: Principal, ticket_id: str, text: str, files: list[OutboundFile]) -> Message:
        ticket = self._ticket(caller, ticket_id)
        return self._writer.reply(ticket, _email(caller), text, files)

    def orders(self, caller: Principal) -> list[Order]:
        """The organisation's orders and the caller's own: what they bought as a guest with this address
        is theirs once they sign in with it (the sign-up confirmed the address)."""
        found = {o.id: o for o in self._orders.orders_for_organisation(_organisation(caller))}
        for order in self._orders.orders_for_customer(customer_id_for(_email(caller))):
            found.setdefault(order.id, order)
        return sorted(found.values(), key=lambda o: (o.paid_at, o.id), reverse=True)

    def licenses(self, caller: Principal) -> list[CabinetLicenseView]:
        """The organisation's licenses and the caller's own (guest purchases too), as `holds()` allows."""
        views = {v.id: v for v in self._licenses.for_organisation(_organisation(caller))}
        for view in self._licenses.for_customer(customer_id_for(_email(caller))):
            views.setdefault(view.id, view)
        return with_renewals(list(views.values()), self._renewals, self._clock.now())

    def notices(self, caller: Principal) -> list[Notice]:
        _organisation(caller)
        return notices_for(_email(caller), self._notices)

    def _registered(self, caller: Principal) -> Customer:
        """The caller in the people store with their claim's organisation (the claim is the truth)."""
        return self._registry.register(_email(caller), caller.name or "", _organisation(caller))

    def _ticket(self, caller: Principal, ticket_id: str) -> Ticket:
        ticket = self._s.tickets.find(ticket_id)
        if ticket is None or not _visible(caller, ticket):
            raise TicketNotFound(ticket_id)  # missing and foreign look the same
        return ticket


def _organisation(caller: Principal) -> str:
    organisation = organisation_scope(caller)
    assert organisation is not None  # the cabinet's routes admit customers only
    return organisation


def _email(caller: Principal) -> str:
    if not caller.email:
        raise Forbidden("the token carries no e-mail address")
    return caller.email.lower()


def _visible(caller: Principal, ticket: Ticket) -> bool:
    return ticket.shown_to_customer(customer_id_for(_email(caller)), organisation_scope(caller))
