"""The reports context's API edges: the query, the answer, the file; the stream records: `records`."""

from __future__ import annotations

from datetime import date
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
