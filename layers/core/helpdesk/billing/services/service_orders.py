"""Service orders as people see them: the order (the accepted or paid quote) and the tasks made from it, for
staff and for the client's own organisation; and the order as the tasks context links tasks to it."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk.billing.model.quotes import Quote, QuoteNotFound
from helpdesk.billing.model.service_orders import (
    OrderTask,
    ServiceOrderNotFound,
    quote_id_of,
    service_order_name,
)
from helpdesk.billing.ports import OrderTasks, QuoteStore
from helpdesk.billing.services.quotes import QuoteService
from helpdesk.commerce.public import Order
from helpdesk.identity.public import Principal
from helpdesk.licensing.public import Money
from helpdesk.tickets.public import customer_id_for

NOT_FOUND = "service order not found"  # the same words for a foreign and an unknown id


class ServiceOrders:
    def __init__(self, quotes: QuoteService, store: QuoteStore, tasks: Callable[[], OrderTasks]) -> None:
        """`tasks` is asked when first needed: the tasks context links tasks through `as_order` too."""
        self._quotes, self._store, self._tasks = quotes, store, tasks

    def page(self, caller: Principal, order_id: str) -> tuple[Quote, list[OrderTask]]:
        """The order and its tasks, for staff and for the client's organisation."""
        quote_id = quote_id_of(order_id)
        try:
            quote = self._quotes.visible(caller, quote_id) if quote_id else None
        except QuoteNotFound:
            quote = None
        if quote is None or quote.order_id != order_id:
            raise ServiceOrderNotFound(NOT_FOUND)
        return quote, self._tasks().for_order(quote.organisation_id, order_id)

    def as_order(self, order_id: str) -> Order | None:
        """The service order as an order tasks are made from (and whose client hears they are done)."""
        quote_id = quote_id_of(order_id)
        quote = self._store.get(quote_id) if quote_id else None
        if quote is None or quote.order_id != order_id or quote.accepted_at is None:
            return None
        email = quote.accepted_by if quote.accepted_by and "@" in quote.accepted_by else ""
        return Order(order_id, "", quote.payment_reference or "", customer_id_for(email) if email else "",
                     email, (), Money(quote.total, quote.currency), quote.accepted_at, quote.organisation_id,
                     name=service_order_name(order_id))  # fmt: skip
