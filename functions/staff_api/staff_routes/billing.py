"""Services billing: quotes, client accounts, billable time, drafts from time, invoices, documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpdesk.api.access import Access, Principal, Role, route
from helpdesk.api.errors import created

if TYPE_CHECKING:
    from helpdesk.billing.views import InvoiceListView, InvoiceView
    from helpdesk.billing.views.quotes import (
        ClientAccountView,
        QuoteListView,
        QuoteView,
    )
    from helpdesk.billing.views.receivables import ReceivablesView, ReceivableView
    from helpdesk.billing.views.service_orders import ServiceOrderView
    from helpdesk.billing.views.time import (
        ApprovedView,
        DraftListView,
        TimeSheetView,
    )
    from helpdesk.tickets.views.tickets import DownloadView

from helpdesk.bootstrap import container

from .common import REVENUE, SUPPORT, app, body, query, verifier

SALES = Access.staff(Role.ADMIN, Role.MANAGER)
ACCOUNTING = Access.staff(Role.ADMIN, Role.ACCOUNTANT)


@route(app, "/quotes", access=SALES, verifier=verifier, methods=["POST"])
def create_quote(caller: Principal) -> Any:
    from helpdesk.billing.views.quotes import CreateQuoteRequest, QuoteCreatedView

    r = CreateQuoteRequest.model_validate(body())
    lines = [line.line() for line in r.lines]
    quote = container().quotes.create(caller.email or "", r.organisation, r.currency, lines, r.valid_days)
    return created(QuoteCreatedView(id=quote.id))


@route(app, "/quotes", access=REVENUE, verifier=verifier)
def list_quotes(caller: Principal) -> QuoteListView:
    from helpdesk.billing.views.quotes import QuoteListView, QuoteView

    quotes = container().quotes.for_staff(query().get("organisation", ""))
    return QuoteListView(items=[QuoteView.of(q) for q in quotes])


@route(app, "/quotes/{quote_id}/send", access=SALES, verifier=verifier, methods=["POST"])
def send_quote(caller: Principal, quote_id: str) -> QuoteView:
    from helpdesk.billing.views.quotes import QuoteView

    return QuoteView.of(container().quotes.send(quote_id))


@route(app, "/clients/{organisation_id}/billing-account", access=REVENUE, verifier=verifier, methods=["PUT"])
def put_client_account(caller: Principal, organisation_id: str) -> ClientAccountView:
    from helpdesk.billing.views.quotes import ClientAccountBody, ClientAccountView

    account = ClientAccountBody.model_validate(body()).account(organisation_id)
    container().client_accounts.put(account)
    return ClientAccountView.of(account)


@route(app, "/billing/time", access=REVENUE, verifier=verifier)
def billable_time(caller: Principal) -> TimeSheetView:
    from helpdesk.billing.views.time import TimeQuery, TimeSheetView, WorkedEntryView

    q = TimeQuery.model_validate(query())
    worked, recorded = container().time_billing.time(q.organisation, q.period)
    items = [WorkedEntryView.of(w, recorded.get(w.id)) for w in worked]
    return TimeSheetView(organisation=q.organisation, period=q.period, items=items)


@route(app, "/billing/time/approve", access=REVENUE, verifier=verifier, methods=["POST"])
def approve_time(caller: Principal) -> ApprovedView:
    from helpdesk.billing.views.time import ApprovedView, ApproveTimeRequest

    r = ApproveTimeRequest.model_validate(body())
    count = container().time_billing.approve(caller.email or "", r.organisation, r.period, r.entry_ids)
    return ApprovedView(approved=count)


@route(app, "/invoices/drafts", access=REVENUE, verifier=verifier, methods=["POST"])
def propose_drafts(caller: Principal) -> DraftListView:
    from helpdesk.billing.views.time import DraftListView, PeriodQuery

    period = PeriodQuery.model_validate(query()).period
    billing = container().time_billing
    return DraftListView.of(period, billing.propose_drafts(period), billing.unpriced(period))


@route(app, "/invoices/drafts", access=REVENUE, verifier=verifier)
def list_drafts(caller: Principal) -> DraftListView:
    from helpdesk.billing.views.time import DraftListView, PeriodQuery

    period = PeriodQuery.model_validate(query()).period
    billing = container().time_billing
    return DraftListView.of(period, billing.drafts(period), billing.unpriced(period))


@route(app, "/invoices/drafts/{draft_id}/approve", access=ACCOUNTING, verifier=verifier, methods=["POST"])
def approve_draft(caller: Principal, draft_id: str) -> InvoiceView:
    from helpdesk.billing.views import InvoiceView

    return InvoiceView.of(container().time_billing.approve_draft(caller.email or "", draft_id))


@route(app, "/invoices/{invoice_id}/credit", access=ACCOUNTING, verifier=verifier, methods=["POST"])
def credit_time_invoice(caller: Principal, invoice_id: str) -> InvoiceView:
    from helpdesk.billing.views import InvoiceView

    return InvoiceView.of(container().time_billing.credit(invoice_id))


@route(app, "/invoices", access=REVENUE, verifier=verifier)
def list_invoices(caller: Principal) -> InvoiceListView:
    from helpdesk.billing.views import InvoiceListView, InvoiceView
    from helpdesk.billing.views.time import InvoiceListQuery

    q = InvoiceListQuery.model_validate(query())
    found, status = container().invoices.listed(q.period, q.organisation), container().receivables.status_of
    return InvoiceListView(items=[InvoiceView.of(i, status(i)) for i in found])


@route(app, "/invoices/{invoice_id}/download", access=SUPPORT, verifier=verifier)
def download_invoice(caller: Principal, invoice_id: str) -> DownloadView:
    from helpdesk.billing.views.time import DownloadQuery
    from helpdesk.tickets.views.tickets import DownloadView

    q = DownloadQuery.model_validate(query())
    url = container().invoices.download_url(caller, invoice_id, q.file_format, q.document == "act")
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/invoices/{invoice_id}/payments", access=ACCOUNTING, verifier=verifier, methods=["POST"])
def record_payment(caller: Principal, invoice_id: str) -> ReceivableView:
    from helpdesk.billing.views.receivables import PaymentRequest, ReceivableView

    r = PaymentRequest.model_validate(body())
    receivables = container().receivables
    by = caller.email or ""
    paid = receivables.record_payment(by, invoice_id, r.key, r.amount, r.received_on, r.reference)
    return ReceivableView.of(paid, container().clock.now().date())


@route(app, "/receivables", access=REVENUE, verifier=verifier)
def receivables(caller: Principal) -> ReceivablesView:
    from helpdesk.billing.views.receivables import ReceivablesView

    return ReceivablesView.of(*container().receivables.aged())


@route(app, "/service-orders/{order_id}", access=REVENUE, verifier=verifier)
def service_order(caller: Principal, order_id: str) -> ServiceOrderView:
    """A service order and the tasks made from it, with who works on each and the time logged."""
    from helpdesk.billing.views.service_orders import ServiceOrderView

    return ServiceOrderView.of(*container().service_orders.page(caller, order_id))
