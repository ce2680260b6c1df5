"""The ports the SLA services need: the setup (calendars, policies, auto-close), the timeline, the board,
the clock cache."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from helpdesk.sla.model.clocks import ClockInputs
from helpdesk.sla.model.hours import BusinessCalendar
from helpdesk.sla.model.policy import SlaPolicy
from helpdesk.sla.model.snapshot import AutoCloseRule, BoardEntry
from helpdesk.sla.model.timeline import TimelineEvent


class SlaSetup(Protocol):
    """Calendars and policies, by name and id; few enough to read whole."""

    def calendars(self) -> list[BusinessCalendar]: ...
    def rules(self) -> tuple[list[SlaPolicy], list[BusinessCalendar]]:
        """The policies and the calendars, in one read."""

    def save_calendar(self, calendar: BusinessCalendar) -> None: ...
    def policies(self) -> list[SlaPolicy]: ...
    def save_policy(self, policy: SlaPolicy) -> None: ...
    def delete_policy(self, policy_id: str) -> None: ...
    def auto_close(self) -> AutoCloseRule: ...
    def save_auto_close(self, rule: AutoCloseRule) -> None: ...


class Timeline(Protocol):
    def add(self, events: list[TimelineEvent]) -> None: ...
    def for_ticket(self, ticket_id: str) -> list[TimelineEvent]:
        """Oldest first."""


class SlaBoard(Protocol):
    """Tickets whose SLA runs or was missed, by when they fall due; solved tickets by when they close."""

    def place(self, entry: BoardEntry) -> None:
        """Put the ticket on the board at `entry.watch_at` (moving it if it was there)."""

    def remove(self, ticket_id: str) -> None: ...
    def due_between(self, start: datetime | None, end: datetime, limit: int) -> list[BoardEntry]:
        """Entries with start <= watch_at < end (no lower bound for None), earliest first."""

    def schedule_close(self, ticket_id: str, at: datetime) -> None: ...
    def cancel_close(self, ticket_id: str) -> None: ...
    def closes_due(self, now: datetime, limit: int) -> list[str]: ...
    def schedule_wake(self, ticket_id: str, at: datetime) -> None:
        """A snoozed ticket opens again at `at` (moving its earlier wake-up, if any)."""

    def cancel_wake(self, ticket_id: str) -> None: ...
    def wakes_due(self, now: datetime, limit: int) -> list[str]: ...


class ClockCache(Protocol):
    """Each ticket's clock inputs as last measured (one item per ticket, replaced on every measure)."""

    def keep(self, inputs: ClockInputs) -> None: ...
    def many(self, ticket_ids: list[str]) -> dict[str, ClockInputs]:
        """The kept inputs of these tickets (any number, by batched reads); absent ones left out."""


class TicketActions(Protocol):
    """What the SLA sweep asks of the tickets context (implemented over its services in the root)."""

    def close(self, ticket_id: str) -> None: ...
    def wake(self, ticket_id: str) -> None:
        """Open the snoozed ticket if its time has come."""


class StaffNotifier(Protocol):
    def notify(self, notice_id: str, recipient: str, subject: str, text: str, link: str) -> bool:
        """Tell a staff member (a console notice and a mail), once per notice id; False if told before."""


class OnceClaims(Protocol):
    def claim(self, key: str) -> bool:
        """True the first time a key is claimed, False ever after."""
