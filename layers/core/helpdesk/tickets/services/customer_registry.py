"""One organisation per customer, wherever the customer shows up (docs/customer-organisations.md).

A registered customer (signed up, bought while signed in, opened the cabinet) carries the organisation of
their sign-in claim; mail from a known address goes to that organisation; an unknown sender gets their mail
domain's organisation. Registering re-homes the customer's earlier tickets, and the first registered
organisation of a (non-free-mail) domain takes over the domain and the tickets its unknown senders wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from helpdesk.tickets.model.customer import Customer, Organisation, organisation_domain
from helpdesk.tickets.ports import TicketChanged, TicketQuery, TicketRepository, TicketStores

_PAGE = 100
_RETRIES = 8


class CustomerRegistry:
    def __init__(self, stores: TicketStores) -> None:
        self._s = stores

    @property
    def tickets(self) -> TicketRepository:
        return self._s.tickets

    def for_mail(self, email: str, name: str = "", language: str | None = None) -> Customer:
        """The sender as a customer: a registered one keeps their organisation, others follow their domain;
        the language their mail shows is remembered (a mail that shows none keeps the stored one)."""
        known = self._s.customers.by_email(email)
        if known is None:
            organisation = self._domain_organisation(email)
            org_id = organisation.id if organisation else None
            return self._s.customers.create_if_absent(Customer.for_email(email, name, org_id, language or ""))
        updated = replace(known, language=language or known.language)
        if not known.registered:
            organisation = self._domain_organisation(email)
            updated = replace(updated, organisation_id=organisation.id if organisation else None)
        if updated != known:
            self._s.customers.save(updated)
        return updated

    def register(self, email: str, name: str, organisation_id: str) -> Customer:
        """Record (idempotently) that this address belongs to this organisation, and re-home what it wrote."""
        known = self._s.customers.by_email(email)
        if known is None:
            customer = Customer.for_email(email, name, organisation_id)
        else:
            customer = replace(known, name=known.name or name, organisation_id=organisation_id)
        customer = replace(customer, registered=True)
        if customer == known:
            return customer
        self._s.customers.save(customer)
        self._claim_domain(email, organisation_id)
        self._rehome(TicketQuery(customer_id=customer.id), organisation_id)
        return customer

    def sign_up(self, email: str, new_organisation: Callable[[str], str]) -> Customer:
        """A confirmed sign-up joins the organisation that owns their mail domain, else a new one."""
        owner = self._domain_organisation(email)
        organisation_id = owner.id if owner is not None and owner.claimed else new_organisation(email)
        return self.register(email, "", organisation_id)

    def _domain_organisation(self, email: str) -> Organisation | None:
        domain = organisation_domain(email)
        if not domain:
            return None
        return self._s.customers.create_organisation_if_absent(Organisation.for_domain(domain))

    def _claim_domain(self, email: str, organisation_id: str) -> None:
        current = self._domain_organisation(email)
        if current is None or current.claimed or current.id == organisation_id:
            return
        self._s.customers.save_organisation(replace(current, id=organisation_id))
        self._rehome(TicketQuery(organisation_id=current.id), organisation_id)

    def _rehome(self, query: TicketQuery, organisation_id: str) -> None:
        cursor: str | None = None
        while True:
            page = self._s.tickets.list(query, _PAGE, cursor)
            for ticket in page.items:
                self._move(ticket.id, organisation_id)
            if page.cursor is None:
                return
            cursor = page.cursor

    def _move(self, ticket_id: str, organisation_id: str) -> None:
        for _ in range(_RETRIES):
            ticket = self._s.tickets.find(ticket_id)
            if ticket is None or ticket.organisation_id == organisation_id:
                return
            try:
                self._s.tickets.update(replace(ticket, organisation_id=organisation_id))
                return
            except TicketChanged:
                continue
        raise TicketChanged(ticket_id)


def backfill_organisation_lists(tickets: TicketRepository) -> int:
    """Save every ticket that has an organisation once more, so tickets stored before the organisation list
    existed join it (one-off after upgrading); returns how many were saved."""
    saved, cursor = 0, None
    while True:
        page = tickets.list(TicketQuery(), _PAGE, cursor)
        for ticket in page.items:
            if ticket.organisation_id:
                try:
                    tickets.update(ticket)
                    saved += 1
                except TicketChanged:
                    pass  # changed meanwhile: that save wrote the list entry already
        if page.cursor is None:
            return saved
        cursor = page.cursor
