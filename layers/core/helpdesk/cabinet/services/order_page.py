"""The cabinet's order page: the order, its invoices, its licenses and its tasks, for whoever may see it."""

from __future__ import annotations

from helpdesk.billing.views import InvoiceView
from helpdesk.cabinet.ports import CallerInvoices, OrganisationTasks
from helpdesk.cabinet.services.cabinet import CabinetService
from helpdesk.cabinet.views import OrderPageView
from helpdesk.commerce.views.commerce import OrderView
from helpdesk.identity.public import Principal
from helpdesk.kernel.errors import NotFound


class OrderNotFound(NotFound):
    """No order with this id that the caller may see (a foreign one answers the same)."""


class OrderPages:
    def __init__(self, cabinet: CabinetService, invoices: CallerInvoices, tasks: OrganisationTasks) -> None:
        self._cabinet, self._invoices, self._tasks = cabinet, invoices, tasks

    def page(self, caller: Principal, order_id: str) -> OrderPageView:
        found = [o for o in self._cabinet.orders(caller) if o.id == order_id]
        if not found:
            raise OrderNotFound("order not found")
        order = found[0]
        invoices = [InvoiceView.of(i) for i in self._invoices.visible_to(caller) if i.source_id == order.id]
        licenses = [
            v for v in self._cabinet.licenses(caller) if v.order_id == order.id or v.id in order.license_ids
        ]
        tasks = [
            t for t in self._tasks.cabinet_tasks(caller.organisation_id).items if order.id in t.order_ids
        ]
        return OrderPageView(order=OrderView.of(order), invoices=invoices, licenses=licenses, tasks=tasks)
