"""The client's quotes (read, download, accept as a service order, pay by card); invoices paid by card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route

if TYPE_CHECKING:
    from helpdesk.billing.views.quotes import PaymentSessionView, QuoteListView, QuoteView
    from helpdesk.billing.views.service_orders import CabinetServiceOrderView
    from helpdesk.tickets.views.tickets import DownloadView

from helpdesk.bootstrap import container

from .common import CUSTOMER, app, verifier


@route(app, "/quotes", access=CUSTOMER, verifier=verifier)
def list_quotes(caller: Principal) -> QuoteListView:
    from helpdesk.billing.views.quotes import QuoteListView, QuoteView

    return QuoteListView(items=[QuoteView.of(q) for q in container().quotes.for_cabinet(caller)])


@route(app, "/quotes/{quote_id}", access=CUSTOMER, verifier=verifier)
def get_quote(caller: Principal, quote_id: str) -> QuoteView:
    from helpdesk.billing.views.quotes import QuoteView

    return QuoteView.of(container().quotes.visible(caller, quote_id))


@route(app, "/quotes/{quote_id}/accept", access=CUSTOMER, verifier=verifier, methods=["POST"])
def accept_quote(caller: Principal, quote_id: str) -> QuoteView:
    from helpdesk.billing.views.quotes import QuoteView

    return QuoteView.of(container().quotes.accept(caller, quote_id))


@route(app, "/quotes/{quote_id}/download", access=CUSTOMER, verifier=verifier)
def download_quote(caller: Principal, quote_id: str) -> DownloadView:
    from helpdesk.tickets.views.tickets import DownloadView

    url = container().quotes.download_url(caller, quote_id)
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/quotes/{quote_id}/pay", access=CUSTOMER, verifier=verifier, methods=["POST"])
def pay_quote(caller: Principal, quote_id: str) -> PaymentSessionView:
    from helpdesk.billing.views.quotes import PaymentSessionView

    session = container().quote_payments.start(caller, quote_id)
    return PaymentSessionView(url=session.url, session_id=session.id)


@route(app, "/invoices/{invoice_id}/pay", access=CUSTOMER, verifier=verifier, methods=["POST"])
def pay_invoice(caller: Principal, invoice_id: str) -> PaymentSessionView:
    """What an issued invoice for services still owes, by card; a foreign invoice answers as unknown."""
    from helpdesk.billing.views.quotes import PaymentSessionView

    session = container().invoice_payments.start(caller, invoice_id)
    return PaymentSessionView(url=session.url, session_id=session.id)


@route(app, "/service-orders/{order_id}", access=CUSTOMER, verifier=verifier)
def service_order(caller: Principal, order_id: str) -> CabinetServiceOrderView:
    """The organisation's service order and the tasks made from it; a foreign one answers as unknown."""
    from helpdesk.billing.views.service_orders import CabinetServiceOrderView

    return CabinetServiceOrderView.of(*container().service_orders.page(caller, order_id))
