"""Staff API: the console's backend. Each route declares who may call it, parses, calls one service, returns
a view."""

from typing import Any

from helpdesk.api.access import Access, Principal, Role, TokenVerifier, allowed_sections, route
from helpdesk.api.app import header, json_body, new_app, query_params
from helpdesk.api.errors import created
from helpdesk.billing.views import SalesReportQuery, SalesReportView
from helpdesk.bootstrap import container
from helpdesk.cabinet.views import TicketPageView
from helpdesk.commerce.views.license_console import (
    ExtendRequest,
    LicenseListPageView,
    LicensePageView,
    LicenseSearch,
    ReasonRequest,
    ResumeRequest,
    TransferRequest,
    UpgradeRequest,
)
from helpdesk.licensing.views.renewals import AtRiskView
from helpdesk.operations.views import AcknowledgeRequest, HealthView, PageListView, RotaView
from helpdesk.search.views import SearchPageView, SearchRequest, SearchScope
from helpdesk.settings import get_settings
from helpdesk.tasks.views.tasks import (
    CommentRequest,
    CreateProjectRequest,
    CreateTaskRequest,
    LinkJiraRequest,
    LogTimeRequest,
    ProjectListView,
    ProjectStatsView,
    ProjectView,
    TaskListQuery,
    TaskListView,
    TaskView,
    UpdateTaskRequest,
)
from helpdesk.tickets.views.staff import StaffListView
from helpdesk.tickets.views.tickets import (
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
from pydantic import BaseModel

app = new_app("helpdesk-staff", get_settings().console_url)
OPS = Access.staff(Role.ADMIN, Role.OPS)
SUPPORT = Access.staff(Role.ADMIN, Role.MANAGER, Role.DEVELOPER, Role.ACCOUNTANT)
REVENUE = Access.staff(Role.ADMIN, Role.MANAGER, Role.ACCOUNTANT)
LICENSE_ADMIN = Access.staff(Role.ADMIN, Role.MANAGER)
PROJECT_ADMIN = Access.staff(Role.ADMIN, Role.MANAGER)
TASK_WORK = Access.staff(Role.ADMIN, Role.MANAGER, Role.DEVELOPER)


def verifier() -> TokenVerifier:
    return container().token_verifier


def body() -> Any:
    return json_body(app)


def query() -> dict[str, str]:
    return query_params(app)


@route(app, "/health", access=Access.public(), verifier=verifier)
def health(caller: Principal | None) -> HealthView:
    return container().operations.health()


# The console's sections, in the order of its top bar, each with the route its page cannot work without.
CONSOLE_SECTIONS = {
    "inbox": ("GET", "/tickets"),
    "search": ("GET", "/search"),
    "projects": ("GET", "/projects"),
    "licenses": ("GET", "/licenses"),
    "ops": ("GET", "/ops/pages"),
    "reports": ("GET", "/reports/sales"),
}


@route(app, "/me", access=Access.staff(), verifier=verifier)
def me(caller: Principal) -> dict[str, Any]:
    sections = allowed_sections(app, caller, CONSOLE_SECTIONS)
    roles = sorted(r.value for r in caller.roles)
    return {"email": caller.email, "name": caller.name, "roles": roles, "sections": sections}


@route(app, "/staff", access=SUPPORT, verifier=verifier)
def staff(caller: Principal) -> StaffListView:
    return StaffListView.of(container().staff.members())


@route(app, "/tickets", access=SUPPORT, verifier=verifier)
def list_tickets(caller: Principal) -> TicketListView:
    wanted = TicketFilter.model_validate(query())
    if wanted.assignee == "me":
        wanted = wanted.model_copy(update={"assignee": caller.email})
    return TicketListView.of(
        container().tickets.tickets.list_tickets(wanted.query(), wanted.limit, wanted.cursor)
    )


@route(app, "/tickets/counts", access=SUPPORT, verifier=verifier)
def ticket_counts(caller: Principal) -> BaseModel:
    return container().ticket_counts(caller.email or "")


@route(app, "/tickets/{ticket_id}", access=SUPPORT, verifier=verifier)
def get_ticket(caller: Principal, ticket_id: str) -> TicketPageView:
    return container().ticket_pages.page(ticket_id)


@route(app, "/tickets/{ticket_id}", access=SUPPORT, verifier=verifier, methods=["PATCH"])
def change_ticket(caller: Principal, ticket_id: str) -> TicketView:
    change = UpdateTicketRequest.model_validate(body()).change()
    return TicketView.of(container().tickets.tickets.change(ticket_id, change))


@route(app, "/tickets/{ticket_id}/replies", access=SUPPORT, verifier=verifier, methods=["POST"])
def reply(caller: Principal, ticket_id: str) -> MessageView:
    b = ReplyRequest.model_validate(body())
    token = b.client_token or header(app, "idempotency-key")
    tickets = container().tickets.tickets
    author = caller.email or ""
    message = tickets.reply(ticket_id, author, b.text, b.html, b.files(), token, caller.name or "")
    return MessageView.of(message)


@route(app, "/tickets/{ticket_id}/notes", access=SUPPORT, verifier=verifier, methods=["POST"])
def note(caller: Principal, ticket_id: str) -> MessageView:
    text = NoteRequest.model_validate(body()).text
    return MessageView.of(
        container().tickets.tickets.add_note(ticket_id, caller.email or "", text, caller.name or "")
    )


@route(app, "/tickets/{ticket_id}/merge", access=SUPPORT, verifier=verifier, methods=["POST"])
def merge(caller: Principal, ticket_id: str) -> TicketView:
    source_id = MergeRequest.model_validate(body()).source_id
    return TicketView.of(container().tickets.tickets.merge(source_id, ticket_id))


@route(app, "/tickets/{ticket_id}/download", access=SUPPORT, verifier=verifier)
def download(caller: Principal, ticket_id: str) -> DownloadView:
    url = container().tickets.tickets.attachment_url(ticket_id, query().get("key", ""))
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/invoices/{invoice_id}/download", access=SUPPORT, verifier=verifier)
def download_invoice(caller: Principal, invoice_id: str) -> DownloadView:
    url = container().invoices.download_url(caller, invoice_id)
    return DownloadView(url=url, expires_in=container().settings.download_url_expiry_seconds)


@route(app, "/reports/sales", access=REVENUE, verifier=verifier)
def sales_report(caller: Principal) -> SalesReportView:
    wanted = SalesReportQuery.model_validate(query())
    invoices = container().invoices
    rows = invoices.sales(wanted.start, wanted.end, wanted.group)
    return SalesReportView.of(wanted, invoices.accounting_currency, rows)


@route(app, "/search", access=SUPPORT, verifier=verifier)
def search_all(caller: Principal) -> SearchPageView:
    wanted = SearchRequest.model_validate(query()).query()
    return SearchPageView.of(container().search.search(SearchScope.staff(), wanted))


@route(app, "/quarantine", access=Access.staff(), verifier=verifier)
def quarantine(caller: Principal) -> QuarantineListView:
    q = query()
    return QuarantineListView.of(
        container().tickets.quarantine.list_held(int(q.get("limit", 25)), q.get("cursor"))
    )


@route(
    app,
    "/quarantine/reprocess",
    access=Access.staff(Role.ADMIN, Role.OPS, Role.MANAGER),
    verifier=verifier,
    methods=["POST"],
)
def reprocess(caller: Principal) -> IngestResultView:
    return IngestResultView.of(container().tickets.quarantine.reprocess(str(body().get("key", ""))))


@route(app, "/ops/rota", access=Access.staff(), verifier=verifier)
def get_rota(caller: Principal) -> RotaView:
    return RotaView.of(container().operations.rota())


@route(app, "/ops/rota", access=OPS, verifier=verifier, methods=["PUT"])
def put_rota(caller: Principal) -> RotaView:
    rota = RotaView.model_validate(body()).to_rota()
    return RotaView.of(container().operations.change_rota(rota))


@route(app, "/ops/ack", access=Access.staff(), verifier=verifier, methods=["POST"])
def acknowledge(caller: Principal) -> dict[str, bool]:
    request = AcknowledgeRequest.model_validate(body())
    container().operations.acknowledge(request.token, caller.email or "")
    return {"acknowledged": True}


@route(app, "/licenses", access=SUPPORT, verifier=verifier)
def search_licenses(caller: Principal) -> LicenseListPageView:
    return container().license_console.search(LicenseSearch.model_validate(query()))


@route(app, "/licenses/at-risk", access=REVENUE, verifier=verifier)
def licenses_at_risk(caller: Principal) -> AtRiskView:
    c = container()
    return AtRiskView.of(c.license_lifecycle.licenses_at_risk(c.clock.now()))


@route(app, "/licenses/{license_id}", access=SUPPORT, verifier=verifier)
def get_license(caller: Principal, license_id: str) -> LicensePageView:
    return container().license_console.page(license_id)


@route(app, "/licenses/{license_id}/transfer", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def transfer_license(caller: Principal, license_id: str) -> LicensePageView:
    move = TransferRequest.model_validate(body())
    return container().license_console.transfer(
        license_id, move.old_domain, move.new_domain, caller.shown_as, move.reason
    )


@route(app, "/licenses/{license_id}/upgrade", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def upgrade_license(caller: Principal, license_id: str) -> LicensePageView:
    edition = UpgradeRequest.model_validate(body()).edition
    return container().license_console.upgrade(license_id, edition, caller.shown_as)


@route(app, "/licenses/{license_id}/suspend", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def suspend_license(caller: Principal, license_id: str) -> LicensePageView:
    reason = ReasonRequest.model_validate(body()).reason
    return container().license_console.suspend(license_id, reason, caller.shown_as)


@route(app, "/licenses/{license_id}/resume", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def resume_license(caller: Principal, license_id: str) -> LicensePageView:
    reason = ResumeRequest.model_validate(body() or {}).reason
    return container().license_console.resume(license_id, caller.shown_as, reason)


@route(app, "/licenses/{license_id}/revoke", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def revoke_license(caller: Principal, license_id: str) -> LicensePageView:
    reason = ReasonRequest.model_validate(body()).reason
    return container().license_console.revoke(license_id, reason, caller.shown_as)


@route(app, "/licenses/{license_id}/extend", access=LICENSE_ADMIN, verifier=verifier, methods=["POST"])
def extend_license(caller: Principal, license_id: str) -> LicensePageView:
    extend = ExtendRequest.model_validate(body())
    return container().license_console.extend(license_id, extend.until, caller.shown_as, extend.reason)


@route(app, "/ops/pages", access=Access.staff(), verifier=verifier)
def pages(caller: Principal) -> PageListView:
    operations = container().operations
    now = operations.clock.now()
    return PageListView.of(operations.recent_pages(), now)


# ------------------------------------------------------------ projects and tasks (docs/tasks.md)
@route(app, "/projects", access=PROJECT_ADMIN, verifier=verifier, methods=["POST"])
def create_project(caller: Principal) -> Any:
    request = CreateProjectRequest.model_validate(body())
    return created(container().task_desk.create_project(request, caller.email))


@route(app, "/projects", access=SUPPORT, verifier=verifier)
def list_projects(caller: Principal) -> ProjectListView:
    return container().task_desk.projects()


@route(app, "/projects/{key}", access=SUPPORT, verifier=verifier)
def get_project(caller: Principal, key: str) -> ProjectView:
    return container().task_desk.project(key)


@route(app, "/projects/{key}/jira", access=PROJECT_ADMIN, verifier=verifier, methods=["PUT"])
def link_project_to_jira(caller: Principal, key: str) -> ProjectView:
    return container().task_desk.link_jira(key, LinkJiraRequest.model_validate(body()))


@route(app, "/projects/{key}/stats", access=SUPPORT, verifier=verifier)
def project_stats(caller: Principal, key: str) -> ProjectStatsView:
    return container().task_desk.stats(key)


@route(app, "/tasks", access=TASK_WORK, verifier=verifier, methods=["POST"])
def create_task(caller: Principal) -> Any:
    request = CreateTaskRequest.model_validate(body())
    return created(container().task_desk.create_task(request, caller.email or ""))


@route(app, "/tasks", access=SUPPORT, verifier=verifier)
def list_tasks(caller: Principal) -> TaskListView:
    return container().task_desk.list_tasks(TaskListQuery.model_validate(query()), caller.email or "")


@route(app, "/tasks/{task_id}", access=SUPPORT, verifier=verifier)
def get_task(caller: Principal, task_id: str) -> TaskView:
    return container().task_desk.task(task_id)


@route(app, "/tasks/{task_id}", access=TASK_WORK, verifier=verifier, methods=["PATCH"])
def change_task(caller: Principal, task_id: str) -> TaskView:
    change = UpdateTaskRequest.model_validate(body())
    return container().task_desk.change(task_id, change, caller.email or "")


@route(app, "/tasks/{task_id}/time", access=TASK_WORK, verifier=verifier, methods=["POST"])
def log_time(caller: Principal, task_id: str) -> TaskView:
    entry = LogTimeRequest.model_validate(body())
    return container().task_desk.log_time(task_id, entry, caller.email or "")


@route(app, "/tasks/{task_id}/comments", access=TASK_WORK, verifier=verifier, methods=["POST"])
def comment_task(caller: Principal, task_id: str) -> TaskView:
    comment = CommentRequest.model_validate(body())
    return container().task_desk.comment(task_id, comment, caller.email or "")
