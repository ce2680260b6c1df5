"""Time to invoice: the accountant approves a client's billable time of a month; the monthly run (or a click)
proposes one draft per client; approving a draft locks its entries and issues the numbered invoice; a credit
note frees them for a later draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.invoices import (
    Invoice,
    InvoiceKind,
    InvoiceNotFound,
    credit_note_for,
    invoice_id_for,
)
from helpdesk.billing.model.time_invoices import (
    DraftNotFound,
    DraftStatus,
    TimeDraft,
    draft_id,
    invoice_for_draft,
    propose,
)
from helpdesk.billing.model.time_ledger import LedgerEntry, WorkedEntry, period_bounds
from helpdesk.billing.ports import (
    Attachment,
    ClientAccounts,
    DocumentMailer,
    DraftStore,
    ExchangeRates,
    InvoiceStore,
    TimeLedger,
    WorkedTime,
)
from helpdesk.billing.services.invoices import InvoicePolicy
from helpdesk.billing.services.receivables import Receivables
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict, Invalid


@dataclass(frozen=True)
class RunReport:
    period: str
    drafts: list[TimeDraft]
    unpriced: list[str]


class TimeBilling:
    def __init__(
        self,
        worked: WorkedTime,
        ledger: TimeLedger,
        drafts: DraftStore,
        accounts: ClientAccounts,
        invoices: InvoiceStore,
        rates: ExchangeRates,
        policy: InvoicePolicy,
        clock: Clock,
        mailer: DocumentMailer | None = None,
        publish: Callable[[Invoice], bytes] | None = None,
        receivables: Receivables | None = None,
    ) -> None:
        """`publish`: stores the invoice's documents and answers its PDF (to attach to the client's mail)."""
        self._worked, self._ledger, self._drafts, self._accounts = worked, ledger, drafts, accounts
        self._invoices, self._rates, self._policy, self._clock = invoices, rates, policy, clock
        self._mailer, self._publish, self._receivables = mailer, publish, receivables

    def time(self, organisation_id: str, period: str) -> tuple[list[WorkedEntry], dict[str, LedgerEntry]]:
        """The client's billable time of the month and, by entry id, what billing recorded of it."""
        period_bounds(period)
        recorded = {e.id: e for e in self._ledger.entries(organisation_id, period)}
        return self._worked.billable(organisation_id, period), recorded

    def approve(self, by: str, organisation_id: str, period: str, entry_ids: list[str] | None = None) -> int:
        """Approve the named entries (all billable ones if none named) as their sources report them now."""
        worked, _ = self.time(organisation_id, period)
        wanted = [w for w in worked if w.billable and (entry_ids is None or w.id in entry_ids)]
        if entry_ids is not None and len(wanted) != len(set(entry_ids)):
            raise Invalid("some entries are not billable time of this client and month")
        now = self._clock.now()
        return self._ledger.approve([LedgerEntry(w, by, now) for w in wanted])

    def propose_drafts(self, period: str) -> list[TimeDraft]:
        """One draft per client with free approved time in the month; a proposed one is brought up to date."""
        period_bounds(period)
        existing = self._drafts.for_period(period)
        proposed = []
        for organisation_id in self._ledger.organisations(period):
            mine = [d for d in existing if d.organisation_id == organisation_id]
            last = max(mine, key=lambda d: d.revision, default=None)
            revision = last.revision if last and last.status is DraftStatus.PROPOSED else len(mine)
            # an approval cut short after locking holds entries for this revision's invoice: keep them on it
            holder = invoice_id_for(draft_id(organisation_id, period, revision), InvoiceKind.INVOICE)
            entries = self._ledger.entries(organisation_id, period)
            free = [e for e in entries if e.free or e.invoice_id == holder]
            if not free:
                continue
            account = self._accounts.get(organisation_id)
            if account is None or account.hourly_rate is None:
                continue  # listed by `unpriced`: one client without terms must not stop everyone's run
            draft = propose(organisation_id, period, revision, account, free, self._clock.now())
            self._drafts.put(draft)
            proposed.append(draft)
        return proposed

    def monthly_run(self, period: str | None = None) -> RunReport:
        """The scheduled proposal: the previous month's drafts unless a period is named."""
        if period is None:
            first = self._clock.now().date().replace(day=1)
            period = f"{first - timedelta(days=1):%Y-%m}"
        return RunReport(period, self.propose_drafts(period), self.unpriced(period))

    def unpriced(self, period: str) -> list[str]:
        """Clients with approved time in the month but no hourly rate: no draft until one is agreed."""
        period_bounds(period)
        accounts = {o: self._accounts.get(o) for o in self._ledger.organisations(period)}
        return [o for o, a in accounts.items() if a is None or a.hourly_rate is None]

    def drafts(self, period: str) -> list[TimeDraft]:
        period_bounds(period)
        return self._drafts.for_period(period)

    def approve_draft(self, by: str, draft_id: str) -> Invoice:
        """Lock the draft's entries, issue its numbered invoice, store and mail its documents; repeatable."""
        draft = self._draft(draft_id)
        if draft.status is DraftStatus.CREDITED:
            raise Conflict("this draft's invoice was credited; propose the month again")
        invoice_id = invoice_id_for(draft.id, InvoiceKind.INVOICE)
        self._ledger.take(list(draft.entry_ids), invoice_id)  # EntryTaken (409): the draft is stale
        invoice = self._invoices.for_source(draft.id, InvoiceKind.INVOICE)
        account = self._accounts.get(draft.organisation_id) or ClientAccount(draft.organisation_id, "")
        if invoice is None:
            p, now = self._policy, self._clock.now()
            exchange = self._rates.rate(draft.currency, p.accounting_currency, now.date())
            draft_invoice = invoice_for_draft(
                invoice_id, draft, account, p.seller, p.rules, exchange, now, f"org:{draft.organisation_id}"
            )
            invoice = self._invoices.issue(draft_invoice)
        if self._receivables:
            self._receivables.open_for(invoice, account.email)
        pdf = self._publish(invoice) if self._publish else b""
        if self._mailer and account.email and draft.status is DraftStatus.PROPOSED:
            text = f"Hello,\n\nplease find invoice {invoice.number} for {draft.period} attached.\n"
            files = [Attachment(f"{invoice.number}.pdf", "application/pdf", pdf)] if pdf else []
            self._mailer.send(account.email, f"Invoice {invoice.number}", text, files)
        # marked approved only once mailed: a retry after a failed mail sends it (at least once, never lost)
        self._drafts.put(replace(draft, status=DraftStatus.APPROVED, approved_by=by, invoice_id=invoice.id))
        return invoice

    def credit(self, invoice_id: str) -> Invoice:
        """The credit note of a time invoice; its entries are free for the next draft."""
        original = self._invoices.get(invoice_id)
        draft = self._drafts.get(original.source_id) if original else None
        if original is None or draft is None:
            raise InvoiceNotFound("invoice not found")
        if self._receivables and self._receivables.refunded(original.id):
            raise Conflict("refunded by card, each refund with its credit note: a whole note credits twice")
        credit = self._invoices.for_source(draft.id, InvoiceKind.CREDIT_NOTE)
        if credit is None:
            credit_id = invoice_id_for(draft.id, InvoiceKind.CREDIT_NOTE)
            credit = self._invoices.issue(credit_note_for(original, credit_id, self._clock.now()))
        self._ledger.release(list(draft.entry_ids), original.id)
        if self._receivables:
            self._receivables.credit(original.id)
        self._drafts.put(replace(draft, status=DraftStatus.CREDITED))
        if self._publish:
            self._publish(credit)
        return credit

    def _draft(self, draft_id: str) -> TimeDraft:
        draft = self._drafts.get(draft_id)
        if draft is None:
            raise DraftNotFound("draft not found")
        return draft
