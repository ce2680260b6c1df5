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
