"""The webhook delivery queue's message: imported by its consumer at cold start, so nothing heavy."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class DeliveryRequested(BaseModel):
    """The delivery queue's message: attempt this delivery, not before this time."""

    delivery_id: str
    attempts_seen: int  # the delivery's attempt count when enqueued: a stale duplicate is dropped
    not_before: datetime | None = None
    replay: bool = False
