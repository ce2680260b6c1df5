"""The SLA context's shapes at the staff API: calendars, policies, a ticket's SLA and history, the board."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from helpdesk.cabinet.views import TicketPageView
from helpdesk.sla.model.clocks import TargetClock
from helpdesk.sla.model.hours import BusinessCalendar, OpenHours
from helpdesk.sla.model.policy import SlaPolicy
from helpdesk.sla.model.snapshot import AutoCloseRule, SlaSnapshot
from helpdesk.sla.model.timeline import TimelineEvent
from helpdesk.tickets.views.csat import StaffSurveyView
from helpdesk.tickets.views.desk import InboxPageView
from helpdesk.tickets.views.tickets import TicketView

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _minute(text: str) -> int:
    hours, _, minutes = text.partition(":")
    return int(hours) * 60 + int(minutes or 0)


class OpenHoursView(BaseModel):
    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    open: str = Field(pattern=r"^\d{2}:\d{2}$", examples=["09:00"])
    close: str = Field(pattern=r"^\d{2}:\d{2}$", examples=["17:00", "24:00"])


class CalendarView(BaseModel):
    name: str = Field(min_length=1, max_length=80, pattern=r"^[\w .-]+$")
    timezone: str = Field(min_length=1, max_length=64, examples=["Europe/Berlin"])
    hours: list[OpenHoursView] = Field(min_length=1, max_length=7)
    holidays: list[date] = Field(default_factory=list, max_length=400)

    def calendar(self) -> BusinessCalendar:
        hours = tuple(OpenHours(WEEKDAYS.index(h.day), _minute(h.open), _minute(h.close)) for h in self.hours)
        return BusinessCalendar(self.name, self.timezone, hours, frozenset(self.holidays))

    @classmethod
    def of(cls, c: BusinessCalendar) -> CalendarView:
        hours = [
            OpenHoursView(day=WEEKDAYS[h.weekday], open=_clock(h.open_minute), close=_clock(h.close_minute))  # type: ignore[arg-type]
            for h in sorted(c.hours, key=lambda h: h.weekday)
        ]
        return cls(name=c.name, timezone=c.timezone, hours=hours, holidays=sorted(c.holidays))


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


class CalendarListView(BaseModel):
    items: list[CalendarView]


class PolicyView(BaseModel):
    id: str = ""
    name: str = Field(min_length=1, max_length=120)
    calendar: str = Field(min_length=1)
    first_response_minutes: int = Field(gt=0, le=525_600)
    resolution_minutes: int = Field(gt=0, le=5_256_000)
    escalate_after_minutes: int = Field(default=60, ge=0, le=525_600)
    escalate_to: list[str] = Field(default_factory=list, max_length=20)
    mailbox: str | None = None
    priority: Literal["low", "normal", "high", "urgent"] | None = None
    organisation_id: str | None = None

    @field_validator("mailbox", "organisation_id")
    @classmethod
    def _blank_is_any(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    def policy(self, policy_id: str | None = None) -> SlaPolicy:
        fields = self.model_dump()
        fields["id"] = policy_id if policy_id is not None else self.id
        fields["escalate_to"] = tuple(self.escalate_to)
        return SlaPolicy(**fields)

    @classmethod
    def of(cls, p: SlaPolicy) -> PolicyView:
        return cls.model_validate({**p.__dict__, "escalate_to": list(p.escalate_to)})


class PolicyListView(BaseModel):
    items: list[PolicyView]


class AutoCloseView(BaseModel):
    default_days: int = Field(default=4, ge=0, le=365)
    mailboxes: dict[str, int] = Field(default_factory=dict)

    def rule(self) -> AutoCloseRule:
        return AutoCloseRule(self.default_days, dict(self.mailboxes))

    @classmethod
    def of(cls, rule: AutoCloseRule) -> AutoCloseView:
        return cls(default_days=rule.default_days, mailboxes=dict(rule.mailboxes))


class ClockView(BaseModel):
    state: Literal["running", "paused", "met", "breached"]
    due: datetime | None
    remaining_minutes: int

    @classmethod
    def of(cls, c: TargetClock) -> ClockView:
        return cls(state=c.state.value, due=c.due, remaining_minutes=int(c.remaining_seconds // 60))


class TicketSlaView(BaseModel):
    """The acceptance contract's four fields, then each clock in full."""

    policy: str
    first_response_due: datetime | None
    resolution_due: datetime | None
    breached: bool
    first_response: ClockView
    resolution: ClockView

    @classmethod
    def of(cls, s: SlaSnapshot | None) -> TicketSlaView | None:
        if s is None:
            return None
        return cls(
            policy=s.policy_name,
            first_response_due=s.first_response.due,
            resolution_due=s.resolution.due,
            breached=s.breached,
            first_response=ClockView.of(s.first_response),
            resolution=ClockView.of(s.resolution),
        )


class TimelineEventView(BaseModel):
    at: datetime
    actor: str
    field: str
    old: str
    new: str

    @classmethod
    def of(cls, e: TimelineEvent) -> TimelineEventView:
        return cls(at=e.at, actor=e.actor, field=e.field, old=e.old, new=e.new)


class TimelineView(BaseModel):
    items: list[TimelineEventView]

    @classmethod
    def of(cls, events: list[TimelineEvent]) -> TimelineView:
        return cls(items=[TimelineEventView.of(e) for e in events])


class DeskTicketPageView(TicketPageView):
    """The console's ticket page with its SLA (None: no policy covers it), its history (newest last) and the
    customer's rating (None: no survey went out)."""

    sla: TicketSlaView | None = None
    timeline: list[TimelineEventView] = Field(default_factory=list)
    csat: StaffSurveyView | None = None


class InboxRowView(TicketView):
    """An inbox row: the ticket and its SLA (None: no policy covers it)."""

    sla: TicketSlaView | None = None


class DeskInboxPageView(InboxPageView):
    """The inbox answer (a page, or what changed) whose rows carry their SLA."""

    items: list[InboxRowView]  # type: ignore[assignment]

    @classmethod
    def with_slas(cls, page: InboxPageView, slas: dict[str, SlaSnapshot]) -> DeskInboxPageView:
        rows = [InboxRowView(**dict(t), sla=TicketSlaView.of(slas.get(t.id))) for t in page.items]
        return cls(**{**dict(page), "items": rows})


class SlaBoardQuery(BaseModel):
    state: Literal["breaching", "breached"] = "breaching"
    within: int = Field(default=60, ge=1, le=7 * 24 * 60)  # minutes, for "breaching"


class BoardItemView(BaseModel):
    ticket: TicketView
    sla: TicketSlaView | None


class SlaBoardView(BaseModel):
    items: list[BoardItemView]
