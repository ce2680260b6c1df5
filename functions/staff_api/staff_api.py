"""Staff API: the console's backend. Each route declares who may call it, parses, calls one service, returns
a view."""

from helpdesk.api.access import route
from helpdesk.api.app import new_app
from helpdesk.billing.views import SalesReportQuery, SalesReportView
from helpdesk.bootstrap import container
from helpdesk.cabinet.services.customer_panel import TicketPageView, customer_panel
from helpdesk.commerce.views.license_console import (
    ExtendRequest,
    LicenseSearch,
    ReasonRequest,
    TransferRequest,
    UpgradeRequest,
)
from helpdesk.identity.model import Access, Role
from helpdesk.licensing.views.renewals import AtRiskView
from helpdesk.operations.model.escalation import OnCallPerson, Rota
from helpdesk.operations.services import escalation
from helpdesk.operations.services.health import check_health
from helpdesk.operations.views import AcknowledgeRequest, PageListView, PageView, RotaView
from helpdesk.search.model.documents import SearchScope
from helpdesk.search.services import search
from helpdesk.search.views import SearchPageView, SearchRequest
from helpdesk.settings import get_settings
from helpdesk.tickets.services.counts import count_tickets
from helpdesk.tickets.views.tickets import (
    ConversationView,
    DownloadView,
    IngestResultView,
    MergeRequest,
    MessageView,
    NoteRequest,
    QuarantineListView,
    ReplyRequest,
    TicketFilter,
    TicketListView,
    TicketView,
    UpdateTicketRequest,
)

app = new_app("helpdesk-staff", get_settings().console_url)
OPS = Access.staff(Role.ADMIN, Role.OPS)
SUPPORT = Access.staff(Role.ADMIN, Role.MANAGER, Role.DEVELOPER, Role.ACCOUNTANT)
REVENUE = Access.staff(Role.ADMIN, Role.MANAGER, Role.ACCOUNTANT)
LICENSE_ADMIN = Access.staff(Role.ADMIN, Role.MANAGER)


def verifier():  # type: ignore[no-untyped-def]
    return container().token_verifier


def body():  # type: ignore[no-untyped-def]
    return app.current_request.json_body or {}


@route(app, "/health", access=Access.public(), verifier=verifier)
def health(caller):  # type: ignore[no-untyped-def]
    c = container()
    return check_health(c.queue_monitor, c.settings.queue_names)


def tickets():  # type: ignore[no-untyped-def]
    return container().tickets


def query():  # type: ignore[no-untyped-def]
    return dict(app.current_request.query_params or {})


@route(app, "/me", access=Access.staff(), verifier=verifier)
def me(caller):  # type: ignore[no-untyped-def]
    return {"email": caller.email, "roles": sorted(r.value for r in caller.roles)}


@route(app, "/tickets", access=SUPPORT, verifier=verifier)
def list_tickets(caller):  # type: ignore[no-untyped-def]
    wanted = TicketFilter.model_validate(query())
    if wanted.assignee == "me":
        wanted = wanted.model_copy(update={"assignee": caller.email})
    return TicketListView.of(tickets().tickets.list_tickets(wanted.query(), wanted.limit, wanted.cursor))


@route(app, "/tickets/counts", access=SUPPORT, verifier=verifier)
def ticket_counts(caller):  # type: ignore[no-untyped-def]
    return count_tickets(container().ticket_repository, caller.email or "")


@route(app, "/tickets/{ticket_id}", access=SUPPORT, verifier=verifier)
def get_ticket(caller, ticket_id):  # type: ignore[no-untyped-def]
    c = container()
    conversation = tickets().tickets.get_ticket(ticket_id)
    view = ConversationView.of(conversation)
    panel = customer_panel(
        conversation.ticket, c.ticket_stores, c.license_queries, c.checkout_store, invoices=c.invoices
    )
    return TicketPageView(ticket=view.ticket, messages=view.messages, customer=panel)


@route(app, "/tickets/{ticket_id}", access=SUPPORT, verifier=verifier, methods=["PATCH"])
def change_ticket(caller, ticket_id):  # type: ignore[no-untyped-def]
    change = UpdateTicketRequest.model_validate(body()).change()
    return TicketView.of(tickets().tickets.change(ticket_id, change))


@route(app, "/tickets/{ticket_id}/replies", access=SUPPORT, verifier=verifier, methods=["POST"])
def reply(caller, ticket_id):  # type: ignore[no-untyped-def]
    b = ReplyRequest.model_validate(body())
    token = b.client_token or app.current_request.headers.get("idempotency-key")
    return MessageView.of(tickets().tickets.reply(ticket_id, caller.email, b.text, b.html, b.files(), token))


@route(app, "/tickets/{ticket_id}/notes", access=SUPPORT, verifier=verifier, methods=["POST"])
def note(caller, ticket_id):  # type: ignore[no-untyped-def]
    return MessageView.of(
        tickets().tickets.add_note(ticket_id, caller.email, NoteRequest.model_validate(body()).text)
    )


@route(app, "/tickets/{ticket_id}/merge", access=SUPPORT, verifier=verifier, methods=["POST"])
def merge(caller, ticket_id):  # type: ignore[no-untyped-def]
    return TicketView.of(tickets().tickets.merge(MergeRequest.model_validate(body()).source_id, ticket_id))


@route(app, "/tickets/{ticket_id}/download", access=SUPPORT, verifier=verifier)
def download(caller, ticket_id):  # type: ignore[no-untyped-def]
    url = tickets().tickets.attachment_url(ticket_id, query().get("key", ""))
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/invoices/{invoice_id}/download", access=SUPPORT, verifier=verifier)
def download_invoice(caller, invoice_id):  # type: ignore[no-untyped-def]
    url = container().invoices.download_url(caller, invoice_id)
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/reports/sales", access=REVENUE, verifier=verifier)
def sales_report(caller):  # type: ignore[no-untyped-def]
    wanted = SalesReportQuery.model_validate(query())
    invoices = container().invoices
    rows = invoices.sales(wanted.start, wanted.end, wanted.group)
    return SalesReportView.of(wanted, invoices.accounting_currency, rows)


@route(app, "/search", access=SUPPORT, verifier=verifier)
def search_all(caller):  # type: ignore[no-untyped-def]
    wanted = SearchRequest.model_validate(query()).query()
    return SearchPageView.of(search.search(container().search_index, SearchScope.staff(), wanted))


@route(app, "/quarantine", access=Access.staff(), verifier=verifier)
def quarantine(caller):  # type: ignore[no-untyped-def]
    q = query()
    return QuarantineListView.of(tickets().quarantine.list_held(int(q.get("limit", 25)), q.get("cursor")))


@route(
    app,
    "/quarantine/reprocess",
    access=Access.staff(Role.ADMIN, Role.OPS, Role.MANAGER),
    verifier=verifier,
    methods=["POST"],
)
def reprocess(caller):  # type: ignore[no-untyped-def]
    return IngestResultView.of(tickets().quarantine.reprocess(str(body().get("key", ""))))


@route(app, "/ops/rota", access=Access.staff(), verifier=verifier)
def get_rota(caller):  # type: ignore[no-untyped-def]
    rota = escalation.current_rota(container().rota_store)
    return RotaView(people=[], ack_seconds=300) if rota is None else _rota_view(rota)


@route(app, "/ops/rota", access=OPS, verifier=verifier, methods=["PUT"])
def put_rota(caller):  # type: ignore[no-untyped-def]
    view = RotaView.model_validate(body())
    rota = Rota(
        people=tuple(OnCallPerson(p.name, p.email, p.phone) for p in view.people),
        ack_seconds=view.ack_seconds,
    )
    return _rota_view(escalation.change_rota(container().rota_store, rota))


@route(app, "/ops/ack", access=Access.staff(), verifier=verifier, methods=["POST"])
def acknowledge(caller):  # type: ignore[no-untyped-def]
    request = AcknowledgeRequest.model_validate(body())
    c = container()
    escalation.acknowledge(request.token, caller.email, c.escalation, c.page_log, c.clock.now())
    return {"acknowledged": True}


def licenses():  # type: ignore[no-untyped-def]
    return container().license_console


@route(app, "/licenses", access=SUPPORT, verifier=verifier)
def search_licenses(caller):  # type: ignore[no-untyped-def]
    return licenses().search(LicenseSearch.model_validate(query()))


@route(app, "/licenses/at-risk", access=REVENUE, verifier=verifier)
def licenses_at_risk(caller):  # type: ignore[no-untyped-def]
    c = container()
    return AtRiskView.of(c.license_lifecycle.licenses_at_risk(c.clock.now()))


@route(app, "/licenses/{license_id}", access=SUPPORT, verifier=verifier)
def get_license(caller, license_id):  # type: ignore[no-untyped-def]
    return licenses().page(license_id)


@route(app, "/licenses/{license_id}/transfer", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def transfer_license(caller, license_id):  # type: ignore[no-untyped-def]
    move = TransferRequest.model_validate(body())
    container().license_admin.transfer_domain(license_id, move.old_domain, move.new_domain)
    return licenses().page(license_id)


@route(app, "/licenses/{license_id}/upgrade", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def upgrade_license(caller, license_id):  # type: ignore[no-untyped-def]
    return licenses().upgrade(license_id, UpgradeRequest.model_validate(body()).edition)


@route(app, "/licenses/{license_id}/suspend", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def suspend_license(caller, license_id):  # type: ignore[no-untyped-def]
    container().license_admin.suspend(license_id, ReasonRequest.model_validate(body()).reason)
    return licenses().page(license_id)


@route(app, "/licenses/{license_id}/resume", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def resume_license(caller, license_id):  # type: ignore[no-untyped-def]
    container().license_admin.resume(license_id)
    return licenses().page(license_id)


@route(app, "/licenses/{license_id}/revoke", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def revoke_license(caller, license_id):  # type: ignore[no-untyped-def]
    container().license_admin.revoke(license_id, ReasonRequest.model_validate(body()).reason)
    return licenses().page(license_id)


@route(app, "/licenses/{license_id}/extend", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def extend_license(caller, license_id):  # type: ignore[no-untyped-def]
    return licenses().extend(license_id, ExtendRequest.model_validate(body()).until, caller.email or "staff")


@route(app, "/ops/pages", access=Access.staff(), verifier=verifier)
def pages(caller):  # type: ignore[no-untyped-def]
    c = container()
    now = c.clock.now()
    return PageListView(items=[PageView.of(p, now) for p in escalation.recent_pages(c.page_log)])


def _rota_view(rota: Rota) -> RotaView:
    return RotaView.model_validate(
        {"people": [p.__dict__ for p in rota.people], "ack_seconds": rota.ack_seconds}
    )
