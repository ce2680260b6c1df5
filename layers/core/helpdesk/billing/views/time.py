"""Billable time, drafts and the staff invoice list: queries, bodies and answers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.billing.model.documents import DocumentFormat
from helpdesk.billing.model.time_invoices import TimeDraft
from helpdesk.billing.model.time_ledger import LedgerEntry, WorkedEntry

PERIOD = r"^\d{4}-(0[1-9]|1[0-2])$"


class PeriodQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period: str = Field(pattern=PERIOD)


class TimeQuery(PeriodQuery):
    organisation: str = Field(min_length=1, max_length=100)


class ApproveTimeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    organisation: str = Field(min_length=1, max_length=100)
    period: str = Field(pattern=PERIOD)
    entry_ids: list[str] | None = Field(default=None, max_length=1000)  # none: every billable entry


class InvoiceListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period: str | None = Field(default=None, pattern=PERIOD)
    organisation: str | None = Field(default=None, max_length=100)


class WorkedEntryView(BaseModel):
    id: str
    source: str
    reference: str
    description: str
    by: str
    minutes: int
    at: datetime
    state: str  # pending (not approved), approved, invoiced
    invoice_id: str | None

    @classmethod
    def of(cls, w: WorkedEntry, recorded: LedgerEntry | None) -> WorkedEntryView:
        state = "pending" if recorded is None else ("approved" if recorded.free else "invoiced")
        return cls(id=w.id, source=w.source, reference=w.reference, description=w.description, by=w.by,
                   minutes=w.minutes, at=w.at, state=state,
                   invoice_id=recorded.invoice_id if recorded else None)  # fmt: skip


class TimeSheetView(BaseModel):
    organisation: str
    period: str
    items: list[WorkedEntryView]


class ApprovedView(BaseModel):
    approved: int


class DraftLineView(BaseModel):
    reference: str
    description: str
    minutes: int
    amount: int


class DraftView(BaseModel):
    id: str
    organisation_id: str
    period: str
    revision: int
    status: str
    currency: str
    hourly_rate: int
    net: int
    entries: int
    invoice_id: str | None
    lines: list[DraftLineView]

    @classmethod
    def of(cls, d: TimeDraft) -> DraftView:
        lines = [DraftLineView(reference=x.reference, description=x.description, minutes=x.minutes,
                               amount=x.amount) for x in d.lines]  # fmt: skip
        return cls(id=d.id, organisation_id=d.organisation_id, period=d.period, revision=d.revision,
                   status=d.status.value, currency=d.currency, hourly_rate=d.hourly_rate, net=d.net,
                   entries=len(d.entry_ids), invoice_id=d.invoice_id, lines=lines)  # fmt: skip


class DraftListView(BaseModel):
    period: str
    items: list[DraftView]
    unpriced: list[str] = []  # clients with approved time but no hourly rate: no draft for them

    @classmethod
    def of(cls, period: str, drafts: list[TimeDraft], unpriced: list[str]) -> DraftListView:
        return cls(period=period, items=[DraftView.of(d) for d in drafts], unpriced=unpriced)


class DownloadQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str = Field(default="html", pattern=r"^(html|pdf)$")
    document: str = Field(default="invoice", pattern=r"^(invoice|act)$")

    @property
    def file_format(self) -> DocumentFormat:
        return DocumentFormat(self.format)
