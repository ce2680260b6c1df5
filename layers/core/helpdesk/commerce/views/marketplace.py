"""The CS-Cart marketplace import's body and report."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.commerce.model.marketplace import ImportReport


class MarketplaceImportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    csv: str = Field(min_length=1, max_length=2_000_000)  # the order export's text


class RowProblemView(BaseModel):
    row: int
    reason: str


class ImportReportView(BaseModel):
    issued: list[str]
    already: list[str]
    problems: list[RowProblemView]

    @classmethod
    def of(cls, r: ImportReport) -> ImportReportView:
        problems = [RowProblemView(row=p.row, reason=p.reason) for p in r.problems]
        return cls(issued=r.issued, already=r.already, problems=problems)
