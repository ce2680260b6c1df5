"""What the license lifecycle state machine is given, and the messages it puts on queues."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from helpdesk.notices.views import NotifyRequested


def wait_time(when: datetime) -> str:
    """A Wait state's timestamp: whole seconds, UTC, 'Z' (the form every ASL engine accepts)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stored_time(when: datetime) -> str:
    """A time as the license item stores it (PynamoDB UTCDateTimeAttribute), for comparisons in the ASL."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+0000")


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


class DynamoKey(BaseModel):
    pk: dict[str, str]
    sk: dict[str, str]


class ReminderStep(BaseModel):
    at: str
    mail: ReminderMail
    notice: NotifyRequested


class ChargeStep(BaseModel):
    at: str
    request: ChargeRequest


class IndexEntry(BaseModel):
    gsi1pk: str
    gsi1sk: str


class GraceStep(IndexEntry):
    ends_at: str


class Cursor(BaseModel):
    reminder: int = 0
    charge: int = 0
    in_grace: bool = False


class PeriodInput(BaseModel):
    """The execution input of statemachines/license_lifecycle.asl.json (`at`/`ends_at`: wall-clock waits)."""

    license_id: str
    license_key: DynamoKey
    renewal_key: DynamoKey
    period_end: str  # stored_time(): the renewal check compares it with the item's `expires`
    reminders: list[ReminderStep]
    reminder_count: int
    expiry_at: str
    charges: list[ChargeStep]
    charge_count: int
    charge_timeout_seconds: int = Field(ge=1)
    grace: GraceStep
    lost: IndexEntry
    ticket: LapseTicketRequested
    expired_notice: NotifyRequested
    cursor: Cursor = Cursor()
