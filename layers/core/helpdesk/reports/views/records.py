"""The table items the roll-up reads: plain JSON of each context's `data`, or the item's attributes, parsed
into typed records (only the roll-up imports these, so the staff API does not build them)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict


class Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TicketRecord(Loose):
    id: str
    mailbox: str = "-"
    created_at: datetime
    status: str
    priority: str = "normal"
    assignee: str | None = None
    last_assignee: str | None = None
    closed_at: datetime | None = None
    customer_id: str | None = None
    organisation_id: str | None = None
    internal: bool = False

    @property
    def agent(self) -> str:
        return self.assignee or self.last_assignee or "-"

    @property
    def client(self) -> str:
        return self.organisation_id or self.customer_id or "-"


class MessageRecord(Loose):
    id: str
    ticket_id: str
    direction: str
    created_at: datetime
    author: str | None = None


class TimeEntryRecord(Loose):
    id: str
    ticket_id: str
    agent: str
    minutes: int
    billable: bool
    logged_at: datetime
    customer_id: str | None = None


class TaskTime(Loose):
    at: datetime
    by: str
    minutes: int
    billable: bool


class TaskRecord(Loose):
    id: str
    project: str
    created_at: datetime
    assignee: str | None = None
    estimate_minutes: int | None = None
    time: list[TaskTime] = []


class Buyer(Loose):
    name: str = ""
    company: str = ""
    country: str = ""


class InvoiceLineRecord(Loose):
    product: str = "-"  # service lines (quotes, time) may name no catalogue product
    manager: str = ""
    accounting_net: int


class InvoiceRecord(Loose):
    id: str
    kind: str
    source_id: str
    issued_at: datetime
    buyer: Buyer
    currency: str
    lines: list[InvoiceLineRecord]
    customer_id: str
    organisation_id: str | None = None
    credits_id: str | None = None


class OrderLineRecord(Loose):
    plan: str = "lifetime"
    renewal: bool = False


class LicenseRecord(Loose):
    id: str
    product: str
    plan: str | None = None
    issued: datetime
    expires: datetime | None = None
    revoked_at: datetime | None = None
    renewals: list[date] = []


class SurveyRecord(Loose):
    id: str
    ticket_id: str
    mailbox: str = "-"
    agent: str | None = None
    rating: str | None = None
    rated_at: datetime | None = None


class SlaTarget(Loose):
    mailbox: str | None = None
    priority: str | None = None
    first_response_minutes: int
    resolution_minutes: int
