"""The SLA admin routes of the stub staff API, answered by the real SlaAdmin and views over an in-memory setup
store, with the staff API's error mapping (see web_admin_fixtures)."""

from __future__ import annotations

import itertools
from typing import Any

from helpdesk.identity.services.staff import StaffRoster
from helpdesk.sla.model.hours import BusinessCalendar
from helpdesk.sla.model.policy import SlaPolicy
from helpdesk.sla.model.snapshot import AutoCloseRule
from helpdesk.sla.services.setup import SlaAdmin
from helpdesk.sla.views import AutoCloseView, CalendarListView, CalendarView, PolicyListView, PolicyView

from tests.support.web_admin_fixtures import AdminApi, _answering
from tests.support.web_stub import ApiRequest, Reply, WebStub


class MemorySlaSetup:
    def __init__(self) -> None:
        self.saved_calendars: dict[str, BusinessCalendar] = {}
        self.saved_policies: dict[str, SlaPolicy] = {}
        self.rule = AutoCloseRule()

    def calendars(self) -> list[BusinessCalendar]:
        return list(self.saved_calendars.values())

    def save_calendar(self, calendar: BusinessCalendar) -> None:
        self.saved_calendars[calendar.name] = calendar

    def policies(self) -> list[SlaPolicy]:
        return list(self.saved_policies.values())

    def save_policy(self, policy: SlaPolicy) -> None:
        self.saved_policies[policy.id] = policy

    def rules(self) -> tuple[list[SlaPolicy], list[BusinessCalendar]]:
        return self.policies(), self.calendars()

    def delete_policy(self, policy_id: str) -> None:
        self.saved_policies.pop(policy_id, None)

    def auto_close(self) -> AutoCloseRule:
        return self.rule

    def save_auto_close(self, rule: AutoCloseRule) -> None:
        self.rule = rule


class SlaAdminApi:
    def __init__(self, admin: AdminApi) -> None:
        self.setup = MemorySlaSetup()
        ids = itertools.count(1)
        self.sla = SlaAdmin(self.setup, StaffRoster(admin.accounts).staff_email, lambda: f"p{next(ids)}")

    def install(self, stub: WebStub) -> None:
        s = self.sla
        calendars = lambda b: CalendarListView(items=[CalendarView.of(c) for c in s.calendars()])  # noqa: E731
        policies = lambda b: PolicyListView(items=[PolicyView.of(p) for p in s.policies()])  # noqa: E731
        answers: list[tuple[str, str, Any]] = [
            ("GET", "/sla/calendars", calendars),
            ("POST", "/sla/calendars", lambda b: CalendarView.of(s.save_calendar(_calendar(b)))),
            ("GET", "/sla/policies", policies),
            ("POST", "/sla/policies", lambda b: PolicyView.of(s.save_policy(_policy(b, "")))),
            ("GET", "/sla/auto-close", lambda b: AutoCloseView.of(s.auto_close())),
            ("PUT", "/sla/auto-close", lambda b: AutoCloseView.of(s.save_auto_close(_rule(b)))),
        ]
        for method, path, answer in answers:
            stub.route("console", method, path, _answering(answer))
        stub.route("console", "PUT", "/sla/policies/(?P<policy_id>[^/]+)", self._change)
        stub.route("console", "DELETE", "/sla/policies/(?P<policy_id>[^/]+)", self._delete)

    def _change(self, request: ApiRequest, policy_id: str) -> Reply:
        return _answering(lambda b: PolicyView.of(self.sla.save_policy(_policy(b, policy_id))))(request)

    def _delete(self, request: ApiRequest, policy_id: str) -> Reply:
        self.sla.delete_policy(policy_id)
        return 200, {"deleted": True}


def _calendar(body: Any) -> BusinessCalendar:
    return CalendarView.model_validate(body).calendar()


def _policy(body: Any, policy_id: str) -> SlaPolicy:
    return PolicyView.model_validate(body).policy(policy_id)


def _rule(body: Any) -> AutoCloseRule:
    return AutoCloseView.model_validate(body).rule()
