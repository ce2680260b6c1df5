"""Administration of staff, teams and mailboxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.tickets.views.desk_admin import (
        MailboxSetupListView,
        MailboxSetupView,
        StaffAccountListView,
        StaffAccountView,
        TeamListView,
        TeamView,
    )


from .common import ADMIN, app, body, verifier


# Admin: staff accounts (in the user pool), teams, mailboxes and their assignment rule.
@route(app, "/admin/staff", access=ADMIN, verifier=verifier)
def staff_accounts(caller: Principal) -> StaffAccountListView:
    from helpdesk.tickets.views.desk_admin import StaffAccountListView

    return StaffAccountListView.of(container().desk_setup.staff.accounts())


@route(app, "/admin/staff", access=ADMIN, verifier=verifier, methods=["POST"])
def invite_staff(caller: Principal) -> StaffAccountView:
    from helpdesk.tickets.views.desk_admin import InviteStaffRequest, StaffAccountView

    invite = InviteStaffRequest.model_validate(body())
    return StaffAccountView.of(container().desk_setup.staff.invite(invite.email, invite.name, invite.roles))


@route(app, "/admin/staff", access=ADMIN, verifier=verifier, methods=["PATCH"])
def change_staff(caller: Principal) -> StaffAccountView:
    from helpdesk.tickets.views.desk_admin import ChangeStaffRequest, StaffAccountView

    change = ChangeStaffRequest.model_validate(body())
    member = container().desk_setup.change_staff(caller, change.email, change.roles, change.active)
    return StaffAccountView.of(member)


@route(app, "/admin/teams", access=ADMIN, verifier=verifier)
def teams(caller: Principal) -> TeamListView:
    from helpdesk.tickets.views.desk_admin import TeamListView

    return TeamListView.of(container().desk_setup.teams())


@route(app, "/admin/teams", access=ADMIN, verifier=verifier, methods=["PUT"])
def save_team(caller: Principal) -> TeamView:
    from helpdesk.tickets.views.desk_admin import TeamRequest, TeamView

    team = TeamRequest.model_validate(body())
    return TeamView.of(container().desk_setup.save_team(team.name, team.members))


@route(app, "/admin/mailboxes", access=ADMIN, verifier=verifier)
def mailboxes(caller: Principal) -> MailboxSetupListView:
    from helpdesk.tickets.views.desk_admin import MailboxSetupListView

    return MailboxSetupListView.of(container().desk_setup.mailboxes())


@route(app, "/admin/mailboxes", access=ADMIN, verifier=verifier, methods=["PUT"])
def configure_mailbox(caller: Principal) -> MailboxSetupView:
    from helpdesk.tickets.views.desk_admin import MailboxSetupRequest, MailboxSetupView

    box = MailboxSetupRequest.model_validate(body())
    return MailboxSetupView.of(
        container().desk_setup.configure_mailbox(box.name, box.team, box.rule, box.sticky)
    )
