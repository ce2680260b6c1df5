from __future__ import annotations

from pydantic import BaseModel


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


class AlarmStateChanged(BaseModel):
    """CloudWatch's alarm notification, as it arrives through SNS (raw delivery)."""

    AlarmName: str
    AlarmDescription: str | None = None
    NewStateValue: str
    OldStateValue: str
    NewStateReason: str = ""
    StateChangeTime: str


class PagerTask(BaseModel):
    """What the escalation workflow puts on the pager queue."""

    action: str  # "page" | "call"
    execution: str
    alarm: dict[str, str]
    task_token: str | None = None
    person: dict[str, object] | None = None  # DynamoDB-typed map, as the workflow read it
    step: int | None = None


class AcknowledgeRequest(BaseModel):
    token: str
