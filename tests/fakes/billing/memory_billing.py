"""In-memory quotes, client accounts, time ledger, drafts and mail: the fakes of billing's newer ports."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.quotes import Quote
from helpdesk.billing.model.receivables import Receivable
from helpdesk.billing.model.time_invoices import TimeDraft
from helpdesk.billing.model.time_ledger import EntryTaken, LedgerEntry, WorkedEntry
from helpdesk.billing.ports import Attachment
from helpdesk.commerce.public import CardRefund


class InMemoryQuotes:
    def __init__(self) -> None:
        self._quotes: dict[str, Quote] = {}
        self._lock = threading.Lock()

    def put(self, quote: Quote) -> None:
        self._quotes[quote.id] = quote

    def get(self, quote_id: str) -> Quote | None:
        return self._quotes.get(quote_id)

    def for_organisation(self, organisation_id: str) -> list[Quote]:
        mine = [q for q in self._quotes.values() if q.organisation_id == organisation_id]
        return sorted(mine, key=lambda q: (q.created_at, q.id), reverse=True)

    def replace(self, old: Quote, new: Quote) -> bool:
        with self._lock:
            current = self._quotes.get(old.id)
            if current is None or current.status != old.status:
                return False
            self._quotes[new.id] = new
            return True


class InMemoryClientAccounts:
    def __init__(self, *accounts: ClientAccount) -> None:
        self._accounts = {a.organisation_id: a for a in accounts}

    def get(self, organisation_id: str) -> ClientAccount | None:
        return self._accounts.get(organisation_id)

    def put(self, account: ClientAccount) -> None:
        self._accounts[account.organisation_id] = account


class InMemoryWorkedTime:
    def __init__(self) -> None:
        self.entries: list[WorkedEntry] = []

    def billable(self, organisation_id: str, period: str) -> list[WorkedEntry]:
        return [e for e in self.entries if e.organisation_id == organisation_id and e.period == period]


class InMemoryTimeLedger:
    def __init__(self) -> None:
        self._entries: dict[str, LedgerEntry] = {}
        self._lock = threading.Lock()

    def approve(self, entries: list[LedgerEntry]) -> int:
        with self._lock:
            new = [e for e in entries if e.id not in self._entries]
            self._entries.update({e.id: e for e in new})
            return len(new)

    def entries(self, organisation_id: str, period: str) -> list[LedgerEntry]:
        return [
            e
            for e in self._entries.values()
            if e.entry.organisation_id == organisation_id and e.entry.period == period
        ]

    def organisations(self, period: str) -> list[str]:
        return sorted({e.entry.organisation_id for e in self._entries.values() if e.entry.period == period})

    def take(self, entry_ids: list[str], invoice_id: str) -> None:
        with self._lock:
            if any(i not in self._entries for i in entry_ids):
                raise EntryTaken("an entry is not approved")
            taken = [self._entries[i].taken_by(invoice_id) for i in entry_ids]
            self._entries.update({e.id: e for e in taken})

    def release(self, entry_ids: list[str], invoice_id: str) -> None:
        with self._lock:
            for i in entry_ids:
                if i in self._entries:
                    self._entries[i] = self._entries[i].released_from(invoice_id)


class InMemoryDrafts:
    def __init__(self) -> None:
        self._drafts: dict[str, TimeDraft] = {}

    def put(self, draft: TimeDraft) -> None:
        self._drafts[draft.id] = draft

    def get(self, draft_id: str) -> TimeDraft | None:
        return self._drafts.get(draft_id)

    def for_period(self, period: str) -> list[TimeDraft]:
        return sorted((d for d in self._drafts.values() if d.period == period), key=lambda d: d.id)


@dataclass(frozen=True)
class SentDocument:
    to: str
    subject: str
    text: str
    attachments: list[Attachment]


class RecordingMailer:
    def __init__(self) -> None:
        self.sent: list[SentDocument] = []

    def send(self, to: str, subject: str, text: str, attachments: list[Attachment]) -> None:
        self.sent.append(SentDocument(to, subject, text, attachments))


class InMemoryReceivables:
    def __init__(self) -> None:
        self._items: dict[str, Receivable] = {}
        self._payments: dict[str, str] = {}
        self._held: dict[str, dict[str, CardRefund]] = {}
        self._lock = threading.Lock()

    def link_payment(self, payment_ref: str, invoice_id: str) -> None:
        self._payments[payment_ref] = invoice_id

    def invoice_for_payment(self, payment_ref: str) -> str | None:
        return self._payments.get(payment_ref)

    def hold_refund(self, payment_ref: str, refund: CardRefund, expires_at: int) -> None:
        self._held.setdefault(payment_ref, {})[refund.id] = refund

    def held_refunds(self, payment_ref: str) -> list[CardRefund]:
        return list(self._held.get(payment_ref, {}).values())

    def add(self, receivable: Receivable) -> Receivable:
        with self._lock:
            return self._items.setdefault(receivable.invoice_id, receivable)

    def get(self, invoice_id: str) -> Receivable | None:
        return self._items.get(invoice_id)

    def save(self, receivable: Receivable) -> bool:
        with self._lock:
            current = self._items.get(receivable.invoice_id)
            if current is None or current.version != receivable.version - 1:
                return False
            self._items[receivable.invoice_id] = receivable
            return True

    def open(self) -> list[Receivable]:
        return sorted((r for r in self._items.values() if r.open), key=lambda r: (r.issued_on, r.invoice_id))
