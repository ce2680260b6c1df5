"""Billable time as billing sees it: approved once, invoiced at most once, released by a credit note.

The ledger is the lock: invoicing takes entries that are approved and free, all or none; a credit note frees
exactly the entries of its invoice. So an entry is never on two live invoices and never lost (pure).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from helpdesk.kernel.errors import Conflict, Invalid


class EntryTaken(Conflict):
    """An entry is already on an invoice (or not approved): the draft is stale."""


@dataclass(frozen=True)
class WorkedEntry:
    """One piece of logged time, from a ticket or a task, as its context reported it."""

    id: str
    organisation_id: str
    source: str  # "task" or "ticket"
    reference: str  # ACME-12, or the ticket number
    description: str
    by: str
    minutes: int
    at: datetime
    billable: bool = True

    @property
    def period(self) -> str:
        return f"{self.at:%Y-%m}"


@dataclass(frozen=True)
class LedgerEntry:
    entry: WorkedEntry
    approved_by: str
    approved_at: datetime
    invoice_id: str | None = None  # the draft/invoice holding it; None while free

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def free(self) -> bool:
        return self.invoice_id is None

    def taken_by(self, invoice_id: str) -> LedgerEntry:
        if self.invoice_id is not None and self.invoice_id != invoice_id:
            raise EntryTaken(f"time entry {self.id} is on {self.invoice_id}")
        return replace(self, invoice_id=invoice_id)

    def released_from(self, invoice_id: str) -> LedgerEntry:
        return replace(self, invoice_id=None) if self.invoice_id == invoice_id else self


def period_bounds(period: str) -> tuple[int, int]:
    """`YYYY-MM` as (year, month); Invalid otherwise."""
    try:
        year, month = (int(part) for part in period.split("-"))
    except ValueError as error:
        raise Invalid("period is YYYY-MM") from error
    if len(period) != 7 or not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Invalid("period is YYYY-MM")
    return year, month
