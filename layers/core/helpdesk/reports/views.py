"""The reports context's edges: the API's query and answer, and the table items the roll-up reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.reports.model.facts import ReportKind
from helpdesk.reports.model.tables import Number

__all__ = ["ReportFile", "ReportKind", "ReportQuery", "ReportView", "report_kind"]
MAX_DAYS = 366


class ReportNotFound(NotFound):
    """No report of that name."""


def report_kind(name: str) -> ReportKind:
    try:
        return ReportKind(name)
    except ValueError:
        raise ReportNotFound(f"no report named {name[:40]!r}") from None


class ReportQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: date = Field(alias="from")
    end: date = Field(alias="to")
    group_by: str | None = None  # the report's default when absent
    format: Literal["json", "csv", "xlsx"] = "json"
    employee: str | None = Field(default=None, max_length=254)  # one person's figures (work, support)

    def period(self) -> tuple[date, date]:
        if self.end < self.start or (self.end - self.start).days > MAX_DAYS:
            raise Invalid("the report covers 1 to 367 days: from <= to, at most a year apart")
        return self.start, self.end


class ColumnView(BaseModel):
    name: str
    unit: str


class RowView(BaseModel):
    key: str
    values: dict[str, Number]
    previous: dict[str, Number]  # the same row in the previous period (zeros/None when it had none)


class ReportView(BaseModel):
    """Money in minor units of `currency` (the accounting currency); minutes for times; ratios 0..1."""

    report: ReportKind
    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to")
    previous_start: date = Field(serialization_alias="previous_from")
    previous_end: date = Field(serialization_alias="previous_to")
    group_by: str
    currency: str
    columns: list[ColumnView]
    rows: list[RowView]
    totals: dict[str, Number]
    previous_totals: dict[str, Number]
    summary: dict[str, Number]
    previous_summary: dict[str, Number]
    source: str  # how the figures are kept: "stream roll-up"


class ReportFile(BaseModel):
    """A report as a download: its bytes and the headers that name it."""

    body: bytes
    content_type: str
    file_name: str

    @property
    def payload(self) -> str | bytes:
        """Text types go as text; binary ones as bytes, which the API base64-encodes (its binary types)."""
        return self.body.decode() if self.content_type.startswith("text/") else self.body

    @property
    def headers(self) -> dict[str, str | list[str]]:
        return {
            "Content-Type": self.content_type,
            "Content-Disposition": f'attachment; filename="{self.file_name}"',
        }


# --- the table items the roll-up reads (plain JSON of each context's `data`, or the item's attributes) ---


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
    product: str
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
