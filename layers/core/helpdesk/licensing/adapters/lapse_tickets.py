"""The lifecycle's `LapseTicketOpener` served by the tickets context."""

from __future__ import annotations

from helpdesk.kernel.clock import Clock
from helpdesk.licensing.views.queue import LapseTicketRequested
from helpdesk.tickets.public import StaffTicketRequest, StaffTickets, TicketStores


class LapseTickets:
    """`LapseTicketOpener` of the license lifecycle: the manager's "call this customer" ticket, once per
    lapse."""

    def __init__(self, stores: TicketStores, clock: Clock) -> None:
        self._s = stores
        self._tickets = StaffTickets(stores, clock)

    def open_lapse_ticket(self, request: LapseTicketRequested) -> str:
        customer = self._s.customers.get(request.customer_id)
        return self._tickets.open(
            StaffTicketRequest(
                reference=request.license_id,
                customer_id=request.customer_id,
                customer_email=customer.email if customer else "",
                manager=request.manager,
                subject=request.subject,
                body=request.body,
                idempotency_key=request.idempotency_key,
                organisation_id=customer.organisation_id if customer else None,
            )
        )
