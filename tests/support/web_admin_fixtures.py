"""The admin routes of the stub staff API, answered by the real desk set-up over in-memory stores, with the
staff API's error mapping: the pages see the answers (and refusals) the real API gives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from helpdesk.api.errors import STATUS_BY_ERROR
from helpdesk.identity.model import Principal, Role, StaffMember
from helpdesk.identity.services.staff_admin import StaffAdmin
from helpdesk.kernel.errors import DomainError
from helpdesk.tickets.model.assignment import Mailbox
from helpdesk.tickets.services.desk_setup import DeskSetup
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

from tests.fakes.identity.staff_directory import MemoryStaffDirectory
from tests.fakes.tickets.memory_tickets import MemoryMailboxes, MemoryTeams
from tests.support.web_console_fixtures import ADA, BOB
from tests.support.web_stub import ApiRequest, Reply, WebStub

CALLER = Principal("0f1e-ada", ADA, frozenset({Role.ADMIN}), name="Ada Staff")


class AdminApi:
    def __init__(self) -> None:
        self.accounts = MemoryStaffDirectory(
            [
                StaffMember(ADA, "Ada Staff", (Role.ADMIN,)),
                StaffMember(BOB, "Bob Backup", (Role.MANAGER,)),
                StaffMember("oleg@agency.example", "Oleg Ops", (Role.OPS,)),
            ]
        )
        self.mailboxes = MemoryMailboxes()
        self.desk = DeskSetup(StaffAdmin(self.accounts), MemoryTeams(), self.mailboxes)
        self.desk.save_team("Support", [ADA, BOB])
        self.mailboxes.save(Mailbox("support", (ADA, BOB), team="Support"))

    def install(self, stub: WebStub) -> None:
        d = self.desk
        answers: list[tuple[str, str, Callable[[Any], Any]]] = [
            ("GET", "/admin/staff", lambda b: StaffAccountListView.of(d.staff.accounts())),
            ("POST", "/admin/staff", lambda b: StaffAccountView.of(d.staff.invite(**_invite(b)))),
            ("PATCH", "/admin/staff", lambda b: StaffAccountView.of(d.change_staff(CALLER, **_change(b)))),
            ("GET", "/admin/teams", lambda b: TeamListView.of(d.teams())),
            (
                "PUT",
                "/admin/teams",
                lambda b: TeamView.of(d.save_team(**TeamRequest.model_validate(b).model_dump())),
            ),
            ("GET", "/admin/mailboxes", lambda b: MailboxSetupListView.of(d.mailboxes())),
            ("PUT", "/admin/mailboxes", lambda b: MailboxSetupView.of(d.configure_mailbox(**_box(b)))),
        ]
        for method, path, answer in answers:
            stub.route("console", method, path, _answering(answer))


def _invite(body: Any) -> dict[str, Any]:
    return InviteStaffRequest.model_validate(body).model_dump()


def _change(body: Any) -> dict[str, Any]:
    return ChangeStaffRequest.model_validate(body).model_dump()


def _box(body: Any) -> dict[str, Any]:
    return MailboxSetupRequest.model_validate(body).model_dump()


def _answering(answer: Callable[[Any], Any]) -> Callable[[ApiRequest], Reply]:
    def reply(request: ApiRequest) -> Reply:
        try:
            return 200, answer(request.body).model_dump(mode="json")
        except DomainError as error:
            status = next(s for kind, s in STATUS_BY_ERROR if isinstance(error, kind))
            return status, {"error": type(error).__name__, "detail": str(error)}

    return reply
