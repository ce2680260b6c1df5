"""Staff API: the console's backend. Each route declares who may call it, parses, calls one service, returns
a view."""

from typing import Any

from helpdesk.api.access import (
    Access,
    Principal,
    Role,
    TokenVerifier,
    allowed_sections,
    route,
    sign_out_route,
)
from helpdesk.api.app import header, json_body, new_app, query_params
from helpdesk.api.errors import created
from helpdesk.billing.views import SalesReportQuery, SalesReportView
from helpdesk.bootstrap import container
from helpdesk.cabinet.views import CustomerPageView, OrganisationPageView
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
from helpdesk.sla.views import (
    AutoCloseView,
    BoardItemView,
    CalendarListView,
    CalendarView,
    DeskTicketPageView,
    PolicyListView,
    PolicyView,
    SlaBoardQuery,
    SlaBoardView,
    TicketSlaView,
    TimelineView,
)
from helpdesk.tasks.views.client_stats import ClientStatsView
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
from helpdesk.tickets.views.composer import SignatureRequest, SignatureView
from helpdesk.tickets.views.csat import CsatReportQuery, CsatReportView
from helpdesk.tickets.views.desk import (
    BulkAnswerView,
    BulkRequest,
    InboxPageView,
    SavedViewListView,
    SavedViewRequest,
    SavedViewView,
    SpamListView,
    SpamSenderView,
    TimeEntryView,
    TimeQuery,
    TimeRequest,
    TimeSheetView,
    UnblockRequest,
)
from helpdesk.tickets.views.desk_admin import (
    ChangeStaffRequest,
    InviteStaffRequest,
    MailboxSetupListView,
    MailboxSetupRequest,
    MailboxSetupView,
    StaffAccountListView,
    StaffAccountView,
    TeamListView,
    TeamRequest,
    TeamView,
)
from helpdesk.tickets.views.macros import (
    AppliedMacroView,
    ApplyMacroRequest,
    MacroListView,
    MacroRequest,
    MacroView,
    PresenceListView,
    PresenceRequest,
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
    SnoozeRequest,
    TicketFilter,
    TicketView,
    UpdateTicketRequest,
)
from pydantic import BaseModel

app = new_app("helpdesk-staff", get_settings().console_url)
OPS = Access.staff(Role.ADMIN, Role.OPS)
SUPPORT = Access.staff(Role.ADMIN, Role.MANAGER, Role.DEVELOPER, Role.ACCOUNTANT)
REVENUE = Access.staff(Role.ADMIN, Role.MANAGER, Role.ACCOUNTANT)
LICENSE_ADMIN = Access.staff(Role.ADMIN, Role.MANAGER)
ADMIN = Access.staff(Role.ADMIN)
PROJECT_ADMIN = Access.staff(Role.ADMIN, Role.MANAGER)
TASK_WORK = Access.staff(Role.ADMIN, Role.MANAGER, Role.DEVELOPER)


def verifier() -> TokenVerifier:
    return container().token_verifier


sign_out_route(app, verifier, lambda: container().sign_outs)


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
    "admin": ("GET", "/admin/staff"),
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
def list_tickets(caller: Principal) -> InboxPageView:
    wanted = TicketFilter.model_validate(query())
    if wanted.assignee == "me":
        wanted = wanted.model_copy(update={"assignee": caller.email})
    desk, me = container().desk, caller.email or ""
    if wanted.updated_since is not None:
        changes = desk.changes(wanted.query(), wanted.updated_since)
        unread = desk.unread(me, changes.items)
        return InboxPageView.of_changes(changes.items, changes.left, changes.since, unread)
    page = container().tickets.tickets.list_tickets(wanted.query(), wanted.limit, wanted.cursor)
    return InboxPageView.of_page(page, desk.unread(me, page.items), desk.since_now())


@route(app, "/tickets/counts", access=SUPPORT, verifier=verifier)
def ticket_counts(caller: Principal) -> BaseModel:
    return container().ticket_counts(caller.email or "")


@route(app, "/tickets/{ticket_id}", access=SUPPORT, verifier=verifier)
def get_ticket(caller: Principal, ticket_id: str) -> DeskTicketPageView:
    page = container().desk_ticket_page(ticket_id)
    container().desk.mark_seen(caller.email or "", page.ticket.id, page.ticket.last_activity_at)
    return page


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
    message = tickets.reply(
        ticket_id, author, b.text, b.html, b.files(), token, caller.name or "", **b.options()
    )
    return MessageView.of(message)


@route(app, "/tickets/{ticket_id}/notes", access=SUPPORT, verifier=verifier, methods=["POST"])
def note(caller: Principal, ticket_id: str) -> MessageView:
    b = NoteRequest.model_validate(body())
    tickets = container().tickets.tickets
    return MessageView.of(
        tickets.add_note(ticket_id, caller.email or "", b.text, caller.name or "", b.files())
    )


@route(app, "/tickets/{ticket_id}/snooze", access=SUPPORT, verifier=verifier, methods=["POST"])
def snooze(caller: Principal, ticket_id: str) -> TicketView:
    until = SnoozeRequest.model_validate(body()).until
    return TicketView.of(container().tickets.tickets.snooze(ticket_id, until))


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
    return c.licenses_at_risk.view(c.clock.now())


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


# --- Issue 17, the composer: macros, presence -------------------------------------------------------------


@route(app, "/macros", access=SUPPORT, verifier=verifier)
def list_macros(caller: Principal) -> MacroListView:
    return MacroListView.of(container().macros.usable_by(caller.email or ""))


@route(app, "/macros", access=SUPPORT, verifier=verifier, methods=["POST"])
def create_macro(caller: Principal) -> MacroView:
    b = MacroRequest.model_validate(body())
    macro = container().macros.create(
        caller.email or "", b.name, b.text, b.set.actions(), b.shared, b.translations
    )
    return MacroView.of(macro)


@route(app, "/me/signature", access=SUPPORT, verifier=verifier)
def my_signature(caller: Principal) -> SignatureView:
    return _signature_view(caller, container().signatures.of(caller.email or ""))


@route(app, "/me/signature", access=SUPPORT, verifier=verifier, methods=["PUT"])
def save_my_signature(caller: Principal) -> SignatureView:
    text = SignatureRequest.model_validate(body()).signature
    return _signature_view(caller, container().signatures.save(caller.email or "", text))


def _signature_view(caller: Principal, signature: str) -> SignatureView:
    return SignatureView.of(signature, caller.name or "", container().settings.support_from_name)


@route(app, "/tickets/{ticket_id}/apply-macro", access=SUPPORT, verifier=verifier, methods=["POST"])
def apply_macro(caller: Principal, ticket_id: str) -> AppliedMacroView:
    macro_id = ApplyMacroRequest.model_validate(body()).macro_id
    applied = container().macros.apply(ticket_id, macro_id, caller.email or "", caller.name or "")
    return AppliedMacroView(text=applied.text, ticket=TicketView.of(applied.ticket))


@route(app, "/tickets/{ticket_id}/presence", access=SUPPORT, verifier=verifier, methods=["POST"])
def presence(caller: Principal, ticket_id: str) -> PresenceListView:
    state = PresenceRequest.model_validate(body() or {}).state
    others = container().presence.beat(ticket_id, caller.email or "", caller.name or "", state)
    return PresenceListView.of(others)


# Admin: staff accounts (in the user pool), teams, mailboxes and their assignment rule.
@route(app, "/admin/staff", access=ADMIN, verifier=verifier)
def staff_accounts(caller: Principal) -> StaffAccountListView:
    return StaffAccountListView.of(container().desk_setup.staff.accounts())


@route(app, "/admin/staff", access=ADMIN, verifier=verifier, methods=["POST"])
def invite_staff(caller: Principal) -> StaffAccountView:
    invite = InviteStaffRequest.model_validate(body())
    return StaffAccountView.of(container().desk_setup.staff.invite(invite.email, invite.name, invite.roles))


@route(app, "/admin/staff", access=ADMIN, verifier=verifier, methods=["PATCH"])
def change_staff(caller: Principal) -> StaffAccountView:
    change = ChangeStaffRequest.model_validate(body())
    member = container().desk_setup.change_staff(caller, change.email, change.roles, change.active)
    return StaffAccountView.of(member)


@route(app, "/admin/teams", access=ADMIN, verifier=verifier)
def teams(caller: Principal) -> TeamListView:
    return TeamListView.of(container().desk_setup.teams())


@route(app, "/admin/teams", access=ADMIN, verifier=verifier, methods=["PUT"])
def save_team(caller: Principal) -> TeamView:
    team = TeamRequest.model_validate(body())
    return TeamView.of(container().desk_setup.save_team(team.name, team.members))


@route(app, "/admin/mailboxes", access=ADMIN, verifier=verifier)
def mailboxes(caller: Principal) -> MailboxSetupListView:
    return MailboxSetupListView.of(container().desk_setup.mailboxes())


@route(app, "/admin/mailboxes", access=ADMIN, verifier=verifier, methods=["PUT"])
def configure_mailbox(caller: Principal) -> MailboxSetupView:
    box = MailboxSetupRequest.model_validate(body())
    return MailboxSetupView.of(
        container().desk_setup.configure_mailbox(box.name, box.team, box.rule, box.sticky)
    )


@route(app, "/reports/csat", access=LICENSE_ADMIN, verifier=verifier)
def csat_report(caller: Principal) -> CsatReportView:
    start, end = CsatReportQuery.model_validate(query()).window()
    return CsatReportView.of(container().csat.report(start, end))


# --- SLAs (issue 17): calendars, policies, auto-close, the board, a ticket's history ---
SLA_ADMIN = Access.staff(Role.ADMIN)


@route(app, "/sla/calendars", access=SUPPORT, verifier=verifier)
def sla_calendars(caller: Principal) -> CalendarListView:
    return CalendarListView(items=[CalendarView.of(c) for c in container().sla_admin.calendars()])


@route(app, "/sla/calendars", access=SLA_ADMIN, verifier=verifier, methods=["POST"])
def save_sla_calendar(caller: Principal) -> CalendarView:
    calendar = CalendarView.model_validate(body()).calendar()
    return CalendarView.of(container().sla_admin.save_calendar(calendar))


@route(app, "/sla/policies", access=SUPPORT, verifier=verifier)
def sla_policies(caller: Principal) -> PolicyListView:
    return PolicyListView(items=[PolicyView.of(p) for p in container().sla_admin.policies()])


@route(app, "/sla/policies", access=SLA_ADMIN, verifier=verifier, methods=["POST"])
def create_sla_policy(caller: Principal) -> PolicyView:
    return PolicyView.of(container().sla_admin.save_policy(PolicyView.model_validate(body()).policy("")))


@route(app, "/sla/policies/{policy_id}", access=SLA_ADMIN, verifier=verifier, methods=["PUT"])
def change_sla_policy(caller: Principal, policy_id: str) -> PolicyView:
    policy = PolicyView.model_validate(body()).policy(policy_id)
    return PolicyView.of(container().sla_admin.save_policy(policy))


@route(app, "/sla/policies/{policy_id}", access=SLA_ADMIN, verifier=verifier, methods=["DELETE"])
def delete_sla_policy(caller: Principal, policy_id: str) -> dict[str, bool]:
    container().sla_admin.delete_policy(policy_id)
    return {"deleted": True}


@route(app, "/sla/auto-close", access=SUPPORT, verifier=verifier)
def auto_close_rule(caller: Principal) -> AutoCloseView:
    return AutoCloseView.of(container().sla_admin.auto_close())


@route(app, "/sla/auto-close", access=SLA_ADMIN, verifier=verifier, methods=["PUT"])
def change_auto_close_rule(caller: Principal) -> AutoCloseView:
    rule = AutoCloseView.model_validate(body()).rule()
    return AutoCloseView.of(container().sla_admin.save_auto_close(rule))


@route(app, "/sla/tickets", access=SUPPORT, verifier=verifier)
def sla_board(caller: Principal) -> SlaBoardView:
    wanted = SlaBoardQuery.model_validate(query())
    desk = container().sla_desk
    found = desk.breached() if wanted.state == "breached" else desk.breaching(wanted.within)
    return SlaBoardView(
        items=[BoardItemView(ticket=TicketView.of(t.ticket), sla=TicketSlaView.of(t.snapshot)) for t in found]
    )


@route(app, "/tickets/{ticket_id}/timeline", access=SUPPORT, verifier=verifier)
def ticket_timeline(caller: Principal, ticket_id: str) -> TimelineView:
    return TimelineView.of(container().sla_desk.for_ticket(ticket_id).history)


# The agent's desk (issue 17): the live inbox's unread state, bulk work, the spam list, saved views, time.
MANAGE_SHARED = {Role.ADMIN, Role.MANAGER}


@route(app, "/tickets/bulk", access=SUPPORT, verifier=verifier, methods=["POST"])
def bulk_tickets(caller: Principal) -> BulkAnswerView:
    b, bulk = BulkRequest.model_validate(body()), container().bulk
    if b.spam:
        outcomes = bulk.mark_spam(b.ids, caller.email or "")
    elif b.merge_into:
        outcomes = bulk.merge(b.ids, b.merge_into)
    else:
        outcomes = bulk.change(b.ids, b.change(), tuple(b.add_tags))
    return BulkAnswerView.of([(o.id, o.ticket, o.error) for o in outcomes])


@route(app, "/spam", access=SUPPORT, verifier=verifier)
def spam_list(caller: Principal) -> SpamListView:
    return SpamListView(items=[SpamSenderView.of(s) for s in container().bulk.blocked()])


@route(app, "/spam/unblock", access=SUPPORT, verifier=verifier, methods=["POST"])
def spam_unblock(caller: Principal) -> SpamListView:
    container().bulk.unblock(UnblockRequest.model_validate(body()).address)
    return spam_list(caller)


@route(app, "/views", access=SUPPORT, verifier=verifier)
def saved_views(caller: Principal) -> SavedViewListView:
    return SavedViewListView(items=[SavedViewView.of(v) for v in container().desk.views(caller.email or "")])


@route(app, "/views", access=SUPPORT, verifier=verifier, methods=["POST"])
def save_view(caller: Principal) -> SavedViewView:
    b = SavedViewRequest.model_validate(body())
    view = container().desk.save_view(caller.email or "", b.name, b.checked_filters(), b.sort, b.shared)
    return SavedViewView.of(view)


@route(app, "/views/{view_id}", access=SUPPORT, verifier=verifier, methods=["DELETE"])
def delete_view(caller: Principal, view_id: str) -> dict[str, bool]:
    container().desk.delete_view(caller.email or "", view_id, bool(MANAGE_SHARED & caller.roles))
    return {"deleted": True}


@route(app, "/tickets/{ticket_id}/time", access=SUPPORT, verifier=verifier, methods=["POST"])
def log_time(caller: Principal, ticket_id: str) -> TimeEntryView:
    b = TimeRequest.model_validate(body())
    token = b.client_token or header(app, "idempotency-key") or ""
    entry = container().desk.log_time(caller.email or "", ticket_id, b.minutes, b.billable, b.note, token)
    return TimeEntryView.of(entry)


@route(app, "/tickets/{ticket_id}/time", access=SUPPORT, verifier=verifier)
def ticket_time(caller: Principal, ticket_id: str) -> TimeSheetView:
    return TimeSheetView.of(*container().desk.ticket_time(ticket_id))


@route(app, "/time", access=SUPPORT, verifier=verifier)
def time_report(caller: Principal) -> TimeSheetView:
    wanted = TimeQuery.model_validate(query())
    return TimeSheetView.of(*container().desk.time(*wanted.facet()))


@route(app, "/customers/{customer_id}", access=SUPPORT, verifier=verifier)
def customer_page(caller: Principal, customer_id: str) -> CustomerPageView:
    return container().customer_pages.customer(customer_id)


@route(app, "/organisations/{organisation_id}", access=SUPPORT, verifier=verifier)
def organisation_page(caller: Principal, organisation_id: str) -> OrganisationPageView:
    return container().customer_pages.organisation(organisation_id)


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


@route(app, "/organisations/{organisation_id}/project-stats", access=SUPPORT, verifier=verifier)
def client_project_stats(caller: Principal, organisation_id: str) -> ClientStatsView:
    return container().task_desk.client_stats(organisation_id)


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
def log_task_time(caller: Principal, task_id: str) -> TaskView:
    entry = LogTimeRequest.model_validate(body())
    return container().task_desk.log_time(task_id, entry, caller.email or "")


@route(app, "/tasks/{task_id}/comments", access=TASK_WORK, verifier=verifier, methods=["POST"])
def comment_task(caller: Principal, task_id: str) -> TaskView:
    comment = CommentRequest.model_validate(body())
    return container().task_desk.comment(task_id, comment, caller.email or "")
