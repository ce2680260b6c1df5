"""Admin use cases: business calendars, SLA policies and the auto-close rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.sla.model.hours import BusinessCalendar
from helpdesk.sla.model.policy import SlaPolicy
from helpdesk.sla.model.snapshot import AutoCloseRule
from helpdesk.sla.ports import SlaSetup


class PolicyNotFound(NotFound):
    pass


class SlaAdmin:
    def __init__(self, setup: SlaSetup, staff_email: Callable[[str], str], new_id: Callable[[], str]) -> None:
        self._setup, self._staff_email, self._new_id = setup, staff_email, new_id

    def calendars(self) -> list[BusinessCalendar]:
        return sorted(self._setup.calendars(), key=lambda c: c.name)

    def save_calendar(self, calendar: BusinessCalendar) -> BusinessCalendar:
        self._setup.save_calendar(calendar)
        return calendar

    def policies(self) -> list[SlaPolicy]:
        return sorted(self._setup.policies(), key=lambda p: (p.name, p.id))

    def save_policy(self, policy: SlaPolicy) -> SlaPolicy:
        """A new policy when its id is empty; the calendar must exist, escalation goes to staff only."""
        if policy.calendar not in {c.name for c in self._setup.calendars()}:
            raise Invalid(f"no business calendar named {policy.calendar!r}")
        if policy.id and policy.id not in {p.id for p in self._setup.policies()}:
            raise PolicyNotFound(policy.id)
        checked = replace(
            policy,
            id=policy.id or self._new_id(),
            escalate_to=tuple(self._staff_email(who) for who in policy.escalate_to),
        )
        self._setup.save_policy(checked)
        return checked

    def delete_policy(self, policy_id: str) -> None:
        if policy_id not in {p.id for p in self._setup.policies()}:
            raise PolicyNotFound(policy_id)
        self._setup.delete_policy(policy_id)

    def auto_close(self) -> AutoCloseRule:
        return self._setup.auto_close()

    def save_auto_close(self, rule: AutoCloseRule) -> AutoCloseRule:
        if rule.default_days < 0 or any(d < 0 for d in rule.mailboxes.values()):
            raise Invalid("auto-close days are 0 (off) or more")
        self._setup.save_auto_close(rule)
        return rule
