"""SLA calendars, policies, the auto-close rule and the SLA board."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Access, Principal, Role, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.sla.views import (
        AutoCloseView,
        CalendarListView,
        CalendarView,
        PolicyListView,
        PolicyView,
        SlaBoardView,
    )


from .common import SUPPORT, app, body, query, verifier

SLA_ADMIN = Access.staff(Role.ADMIN)


@route(app, "/sla/calendars", access=SUPPORT, verifier=verifier)
def sla_calendars(caller: Principal) -> CalendarListView:
    from helpdesk.sla.views import CalendarListView, CalendarView

    return CalendarListView(items=[CalendarView.of(c) for c in container().sla_admin.calendars()])


@route(app, "/sla/calendars", access=SLA_ADMIN, verifier=verifier, methods=["POST"])
def save_sla_calendar(caller: Principal) -> CalendarView:
    from helpdesk.sla.views import CalendarView

    calendar = CalendarView.model_validate(body()).calendar()
    return CalendarView.of(container().sla_admin.save_calendar(calendar))


@route(app, "/sla/policies", access=SUPPORT, verifier=verifier)
def sla_policies(caller: Principal) -> PolicyListView:
    from helpdesk.sla.views import PolicyListView, PolicyView

    return PolicyListView(items=[PolicyView.of(p) for p in container().sla_admin.policies()])


@route(app, "/sla/policies", access=SLA_ADMIN, verifier=verifier, methods=["POST"])
def create_sla_policy(caller: Principal) -> PolicyView:
    from helpdesk.sla.views import PolicyView

    return PolicyView.of(container().sla_admin.save_policy(PolicyView.model_validate(body()).policy("")))


@route(app, "/sla/policies/{policy_id}", access=SLA_ADMIN, verifier=verifier, methods=["PUT"])
def change_sla_policy(caller: Principal, policy_id: str) -> PolicyView:
    from helpdesk.sla.views import PolicyView

    policy = PolicyView.model_validate(body()).policy(policy_id)
    return PolicyView.of(container().sla_admin.save_policy(policy))


@route(app, "/sla/policies/{policy_id}", access=SLA_ADMIN, verifier=verifier, methods=["DELETE"])
def delete_sla_policy(caller: Principal, policy_id: str) -> dict[str, bool]:
    container().sla_admin.delete_policy(policy_id)
    return {"deleted": True}


@route(app, "/sla/auto-close", access=SUPPORT, verifier=verifier)
def auto_close_rule(caller: Principal) -> AutoCloseView:
    from helpdesk.sla.views import AutoCloseView

    return AutoCloseView.of(container().sla_admin.auto_close())


@route(app, "/sla/auto-close", access=SLA_ADMIN, verifier=verifier, methods=["PUT"])
def change_auto_close_rule(caller: Principal) -> AutoCloseView:
    from helpdesk.sla.views import AutoCloseView

    rule = AutoCloseView.model_validate(body()).rule()
    return AutoCloseView.of(container().sla_admin.save_auto_close(rule))


@route(app, "/sla/tickets", access=SUPPORT, verifier=verifier)
def sla_board(caller: Principal) -> SlaBoardView:
    from helpdesk.sla.views import BoardItemView, SlaBoardQuery, SlaBoardView, TicketSlaView
    from helpdesk.tickets.views.tickets import TicketView

    wanted = SlaBoardQuery.model_validate(query())
    desk = container().sla_desk
    found = desk.breached() if wanted.state == "breached" else desk.breaching(wanted.within)
    return SlaBoardView(
        items=[BoardItemView(ticket=TicketView.of(t.ticket), sla=TicketSlaView.of(t.snapshot)) for t in found]
    )
