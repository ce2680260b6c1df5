"""On-call escalation: who is paged in which order, and how long each has to acknowledge."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import datetime

from helpdesk.kernel.errors import Invalid


@dataclass(frozen=True)
class OnCallPerson:
    name: str
    email: str
    phone: str = ""


@dataclass(frozen=True)
class Rota:
    people: tuple[OnCallPerson, ...]
    ack_seconds: int = 300

    def __post_init__(self) -> None:
        if not self.people:
            raise Invalid("a rota needs at least one person")
        if not 10 <= self.ack_seconds <= 86_400:
            raise Invalid("acknowledgement time must be between 10 seconds and a day")
        for person in self.people:
            if not person.name.strip():
                raise Invalid("every person on the rota needs a name: pages and calls address them")
            if "@" not in person.email:
                raise Invalid(f"{person.name}: an e-mail address is needed to page")
            if person.phone and not re.fullmatch(r"\+[1-9]\d{6,14}", person.phone):
                raise Invalid(f"{person.name}: phone numbers are E.164, like +491701234567")


@dataclass(frozen=True)
class AlarmChange:
    name: str
    description: str
    new_state: str
    old_state: str
    reason: str
    changed_at: str  # CloudWatch's StateChangeTime, unique per transition

    def escalation_name(self) -> str:
        """One execution per alarm transition: the same transition delivered twice maps to the same name."""
        digest = hashlib.sha256(f"{self.name}|{self.changed_at}".encode()).hexdigest()[:16]
        readable = re.sub(r"[^A-Za-z0-9_-]", "-", self.name)[:50]
        return f"{readable}-{digest}"


CALL_STEP = 99  # the call is logged after every page step of its escalation


@dataclass(frozen=True)
class Page:
    """One step of one escalation: the person paged, until when they may acknowledge, and whether they did."""

    execution: str
    step: int
    alarm: str
    alarm_changed_at: str  # the transition's StateChangeTime: orders escalations, stable across redeliveries
    person: OnCallPerson
    paged_at: datetime
    answer_by: datetime
    task_token: str
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None
    channel: str = "mail"  # "phone": the final call of an escalation, nothing to acknowledge

    def state(self, now: datetime) -> str:
        if self.channel == "phone":
            return "called"
        if self.acknowledged_by:
            return "acknowledged"
        return "waiting" if now < self.answer_by else "passed_on"

    def acknowledge(self, who: str, at: datetime) -> Page:
        return replace(self, acknowledged_by=who, acknowledged_at=at)
