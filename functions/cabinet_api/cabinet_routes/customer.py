"""A customer's own organisation: search, tickets, orders, licenses, invoices, notices, surveys and tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Access, Principal, route

if TYPE_CHECKING:
    from helpdesk.billing.views import InvoiceListView
    from helpdesk.cabinet.views import (
        CabinetMessageView,
        LicenseListView,
        MeView,
        NoticeListView,
        OrderListView,
        RenewalSessionView,
    )
    from helpdesk.search.views import SearchPageView
    from helpdesk.tasks.views.tasks import CabinetTaskListView
    from helpdesk.tickets.views.csat import SurveyView, TicketSurveyView
    from helpdesk.tickets.views.tickets import ConversationView, DownloadView, TicketListView, TicketView

from helpdesk.bootstrap import container

from .common import CUSTOMER, app, body, query, verifier


@route(app, "/search", access=CUSTOMER, verifier=verifier)
def search_mine(caller: Principal) -> SearchPageView:
    """Always filtered to the caller's organisation, whatever the query string says."""
    from helpdesk.search.views import SearchPageView, SearchRequest, SearchScope

    wanted = SearchRequest.model_validate(query()).query()
    scope = SearchScope.customer(caller.organisation_id or "")
    return SearchPageView.of(container().search.search(scope, wanted))


@route(app, "/me", access=CUSTOMER, verifier=verifier)
def me(caller: Principal) -> MeView:
    from helpdesk.cabinet.views import MeView

    p = container().cabinet.me(caller)
    return MeView(id=p.customer_id, email=p.email, name=p.name, organisation_id=p.organisation_id)


@route(app, "/tickets", access=CUSTOMER, verifier=verifier)
def list_tickets(caller: Principal) -> TicketListView:
    from helpdesk.cabinet.views import TicketPageQuery
    from helpdesk.tickets.views.tickets import TicketListView

    page = TicketPageQuery.model_validate(query())
    return TicketListView.of(container().cabinet.tickets(caller, page.limit, page.cursor))


@route(app, "/tickets/{ticket_id}", access=CUSTOMER, verifier=verifier)
def get_ticket(caller: Principal, ticket_id: str) -> ConversationView:
    from helpdesk.tickets.views.tickets import ConversationView

    return ConversationView.of(container().cabinet.ticket(caller, ticket_id))


@route(app, "/tickets/{ticket_id}/survey", access=CUSTOMER, verifier=verifier)
def ticket_survey(caller: Principal, ticket_id: str) -> TicketSurveyView:
    """The solved ticket's rating prompt; 404 when it has none, or is not the caller's."""
    from helpdesk.tickets.views.csat import TicketSurveyView

    return TicketSurveyView.of_ticket(container().cabinet.survey(caller, ticket_id))


@route(app, "/tickets/{ticket_id}/download", access=CUSTOMER, verifier=verifier)
def download_attachment(caller: Principal, ticket_id: str) -> DownloadView:
    from helpdesk.tickets.views.tickets import DownloadView

    url = container().cabinet.attachment_url(caller, ticket_id, query().get("key", ""))
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/tickets", access=CUSTOMER, verifier=verifier, methods=["POST"])
def open_ticket(caller: Principal) -> TicketView:
    from helpdesk.cabinet.views import NewTicketRequest
    from helpdesk.tickets.views.tickets import TicketView

    request = NewTicketRequest.model_validate(body())
    ticket = container().cabinet.open_ticket(caller, request.subject, request.text, request.files())
    return TicketView.of(ticket)


@route(app, "/tickets/{ticket_id}/replies", access=CUSTOMER, verifier=verifier, methods=["POST"])
def reply(caller: Principal, ticket_id: str) -> CabinetMessageView:
    from helpdesk.cabinet.views import CabinetMessageView, CustomerReplyRequest

    request = CustomerReplyRequest.model_validate(body())
    message = container().cabinet.reply(caller, ticket_id, request.text, request.files())
    return CabinetMessageView(id=message.id, ticket_id=message.ticket_id, created_at=message.created_at)


@route(app, "/orders", access=CUSTOMER, verifier=verifier)
def list_orders(caller: Principal) -> OrderListView:
    from helpdesk.cabinet.views import OrderListView
    from helpdesk.commerce.views.commerce import OrderView

    return OrderListView(items=[OrderView.of(o) for o in container().cabinet.orders(caller)])


@route(app, "/invoices", access=CUSTOMER, verifier=verifier)
def list_invoices(caller: Principal) -> InvoiceListView:
    from helpdesk.billing.views import InvoiceListView, InvoiceView

    found, status = container().invoices.visible_to(caller), container().receivables.status_of
    return InvoiceListView(items=[InvoiceView.of(i, status(i)) for i in found])


@route(app, "/invoices/{invoice_id}/download", access=CUSTOMER, verifier=verifier)
def download_invoice(caller: Principal, invoice_id: str) -> DownloadView:
    from helpdesk.billing.views.time import DownloadQuery
    from helpdesk.tickets.views.tickets import DownloadView

    wanted = DownloadQuery.model_validate(query())
    url = container().invoices.download_url(caller, invoice_id, wanted.file_format, wanted.document == "act")
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/licenses", access=CUSTOMER, verifier=verifier)
def list_licenses(caller: Principal) -> LicenseListView:
    from helpdesk.cabinet.views import LicenseListView

    return LicenseListView(items=container().cabinet.licenses(caller))


@route(app, "/licenses/{license_id}/renew", access=CUSTOMER, verifier=verifier, methods=["POST"])
def renew_license(caller: Principal, license_id: str) -> RenewalSessionView:
    from helpdesk.cabinet.views import RenewalSessionView

    back = f"{container().settings.cabinet_url.rstrip('/')}/#/licenses"
    session = container().cabinet_renewals.renew(caller, license_id, back)
    return RenewalSessionView(url=session.url, session_id=session.id)


@route(app, "/notices", access=CUSTOMER, verifier=verifier)
def list_notices(caller: Principal) -> NoticeListView:
    from helpdesk.cabinet.views import NoticeListView, NoticeView

    return NoticeListView(items=[NoticeView.of(n) for n in container().cabinet.notices(caller)])


# The satisfaction survey's page: opened from the survey mail without signing in; the signed token is the key.
@route(app, "/csat", access=Access.public(), verifier=verifier)
def survey(caller: Principal | None) -> SurveyView:
    from helpdesk.tickets.views.csat import SurveyQuery, SurveyView

    return SurveyView.of(container().csat.survey(SurveyQuery.model_validate(query()).t))


@route(app, "/csat", access=Access.public(), verifier=verifier, methods=["POST"])
def rate(caller: Principal | None) -> SurveyView:
    from helpdesk.tickets.views.csat import RateRequest, SurveyView

    given = RateRequest.model_validate(body())
    csat = container().csat
    if given.rating is None:
        return SurveyView.of(csat.add_comment(given.token, given.comment))
    return SurveyView.of(csat.rate(given.token, given.rating, given.comment))


@route(app, "/tasks", access=CUSTOMER, verifier=verifier)
def list_tasks(caller: Principal) -> CabinetTaskListView:
    """The organisation's tasks and their progress; internal comments never leave the staff side."""
    return container().task_desk.cabinet_tasks(caller.organisation_id)
