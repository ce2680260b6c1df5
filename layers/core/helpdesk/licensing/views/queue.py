"""The messages the license lifecycle puts on queues: imported by their consumers at cold start, so they
import nothing heavy (the workflow's own payloads are in `lifecycle`)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class ReminderMail(BaseModel):
    """Outbound queue: the renewal reminder mail; the outbound worker renders it for the customer."""

    kind: Literal["license_reminder"] = "license_reminder"
    idempotency_key: str
    license_id: str
    customer_id: str
    product: str
    days_left: int
    period_end: datetime
    renew_url: str


class ChargeRequest(BaseModel):
    license_id: str
    customer_id: str
    period_end: datetime
    new_period_end: datetime
    amount: int = Field(ge=0)
    currency: str
    attempt: int = Field(ge=1)
    idempotency_key: str  # Stripe's: a redelivered task charges once


class ChargeTask(BaseModel):
    """Charge queue: one dunning attempt, answered with SendTaskSuccess / SendTaskFailure on `task_token`."""

    task_token: str
    charge: ChargeRequest


class LapseTicketRequested(BaseModel):
    """Ticket-request queue: the manager should call a customer whose license went into grace."""

    idempotency_key: str  # license + period: one ticket per lapse, however often it is delivered
    license_id: str
    customer_id: str
    manager: str
    product: str
    subject: str
    body: str
    grace_until: datetime
