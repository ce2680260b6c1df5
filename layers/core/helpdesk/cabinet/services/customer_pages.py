"""The console's customer and organisation pages: everything of theirs in one place."""

from __future__ import annotations

from helpdesk.billing.views import InvoiceView
from helpdesk.cabinet.ports import InvoiceReader, OrderReader, PartyTasks
from helpdesk.cabinet.services.organisation_names import organisation_named, organisation_ref
from helpdesk.cabinet.views import CustomerPageView, OrganisationPageView
from helpdesk.commerce.views.commerce import OrderView
from helpdesk.kernel.errors import NotFound
from helpdesk.licensing.public import LicenseQueries
from helpdesk.tickets.public import TicketQuery, TicketStores
from helpdesk.tickets.views.tickets import TicketView

LIMIT = 50


class CustomerPages:
    def __init__(
        self,
        stores: TicketStores,
        licenses: LicenseQueries,
        orders: OrderReader,
        invoices: InvoiceReader,
        tasks: PartyTasks,
    ) -> None:
        self._s, self._licenses, self._orders, self._invoices = stores, licenses, orders, invoices
        self._tasks = tasks

    def customer(self, customer_id: str) -> CustomerPageView:
        customer = self._s.customers.get(customer_id)
        if customer is None:
            raise NotFound("no such customer")
        tickets = self._s.tickets.list(TicketQuery(customer_id=customer.id), LIMIT).items
        return CustomerPageView(
            id=customer.id,
            name=customer.name,
            email=customer.email,
            language=customer.language,
            blocked=customer.blocked,
            organisation=organisation_ref(self._s.customers, customer.organisation_id, [customer]),
            tickets=[TicketView.of(t) for t in tickets],
            orders=[OrderView.of(o) for o in self._orders.orders_for_customer(customer.id)][:LIMIT],
            licenses=self._licenses.for_customer(customer.id)[:LIMIT],
            invoices=[InvoiceView.of(i) for i in self._invoices.for_customer(customer.id)][:LIMIT],
            tasks=self._tasks.tasks_of_tickets(
                [t.id for t in tickets], {t.organisation_id for t in tickets if t.organisation_id}
            )[:LIMIT],
        )

    def organisation(self, organisation_id: str) -> OrganisationPageView:
        tickets = self._s.tickets.list(TicketQuery(organisation_id=organisation_id), LIMIT).items
        orders = self._orders.orders_for_organisation(organisation_id)[:LIMIT]
        licenses = self._licenses.for_organisation(organisation_id)[:LIMIT]
        tasks = self._tasks.organisation_tasks(organisation_id)[:LIMIT]
        if not (tickets or orders or licenses or tasks):
            raise NotFound("no such organisation")  # an unknown id and an empty one answer alike
        contacts = {c.id: c for c in self._s.customers.in_organisation(organisation_id)}
        writers = {t.customer_id for t in tickets if t.customer_id and t.customer_id not in contacts}
        contacts |= {c.id: c for c in (self._s.customers.get(i) for i in sorted(writers)) if c is not None}
        customers = [contacts[i] for i in sorted(contacts)]
        return OrganisationPageView(
            organisation=organisation_named(self._s.customers, organisation_id, customers),
            people=[{"id": c.id, "name": c.name, "email": c.email} for c in customers],
            tickets=[TicketView.of(t) for t in tickets],
            orders=[OrderView.of(o) for o in orders],
            licenses=licenses,
            tasks=tasks,
        )
