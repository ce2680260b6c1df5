"""The operations API's shapes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from helpdesk.operations.model.escalation import OnCallPerson, Page, Rota


class QueueView(BaseModel):
    name: str
    dead_letter: bool
    visible: int
    in_flight: int
    delayed: int
    oldest_age_seconds: float | None


class HealthView(BaseModel):
    status: str
    queues: list[QueueView]


class OnCallPersonView(BaseModel):
    name: str
    email: str
    phone: str = ""


class RotaView(BaseModel):
    people: list[OnCallPersonView]
    ack_seconds: int = 300

    @classmethod
    def of(cls, rota: Rota | None) -> RotaView:
        """No rota yet reads as an empty one."""
        if rota is None:
            return cls(people=[], ack_seconds=300)
        people = [OnCallPersonView(name=p.name, email=p.email, phone=p.phone) for p in rota.people]
        return cls(people=people, ack_seconds=rota.ack_seconds)

    def to_rota(self) -> Rota:
        people = tuple(OnCallPerson(p.name, p.email, p.phone) for p in self.people)
        return Rota(people=people, ack_seconds=self.ack_seconds)


class AcknowledgeRequest(BaseModel):
    token: str


class PageView(BaseModel):
    execution: str
    step: int
    alarm: str
    name: str
    email: str
    paged_at: datetime
    answer_by: datetime
    state: str  # waiting | acknowledged | passed_on | called
    channel: str = "mail"  # mail (a page) | phone (the escalation's final call)
    phone: str = ""
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None
    ack_token: str | None = None  # only while the page waits: what POST /ops/ack takes

    @classmethod
    def of(cls, page: Page, now: datetime) -> PageView:
        state = page.state(now)
        return cls(
            execution=page.execution,
            step=page.step,
            alarm=page.alarm,
            name=page.person.name,
            email=page.person.email,
            paged_at=page.paged_at,
            answer_by=page.answer_by,
            state=state,
            channel=page.channel,
            phone=page.person.phone if page.channel == "phone" else "",
            acknowledged_by=page.acknowledged_by,
            acknowledged_at=page.acknowledged_at,
            ack_token=page.task_token if state == "waiting" else None,
        )


class PageListView(BaseModel):
    items: list[PageView]

    @classmethod
    def of(cls, pages: list[Page], now: datetime) -> PageListView:
        return cls(items=[PageView.of(p, now) for p in pages])
