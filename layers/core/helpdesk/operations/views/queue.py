"""The escalation and pager queues' messages: imported by their consumers at cold start, so nothing heavy."""

from __future__ import annotations

from pydantic import BaseModel


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
    ack_seconds: int | None = None  # how long the workflow waits for this page's acknowledgement
