"""What the license lifecycle state machine is given (its queue messages are in `queue`)."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field

from helpdesk.licensing.views.queue import ChargeRequest, LapseTicketRequested, ReminderMail
from helpdesk.notices.views import NotifyRequested


def wait_time(when: datetime) -> str:
    """A Wait state's timestamp: whole seconds, UTC, 'Z' (the form every ASL engine accepts)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stored_time(when: datetime) -> str:
    """A time as the license item stores it (PynamoDB UTCDateTimeAttribute), for comparisons in the ASL."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+0000")


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
