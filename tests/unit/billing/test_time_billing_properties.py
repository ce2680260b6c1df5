"""Property: across any interleaving of logging, approving, drafting, invoicing and crediting, every approved
entry is on at most one live invoice, the ledger's lock agrees with the invoices, and a final run bills every
approved minute exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.billing.model.invoices import Invoice, InvoiceKind
from helpdesk.billing.model.time_invoices import DraftStatus
from helpdesk.billing.model.time_ledger import EntryTaken
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tests.support.invoices import NOW
from tests.unit.billing.test_time_billing import World, worked

pytestmark = pytest.mark.unit
ORGS = ("org-acme", "org-globex")
PERIOD = "2026-11"


class Interleavings(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.w, self.logged = World(), 0

    @rule(org=st.sampled_from(ORGS), minutes=st.integers(1, 600))
    def log(self, org: str, minutes: int) -> None:
        self.logged += 1
        self.w.worked.entries.append(worked(f"e{self.logged}", org, minutes, f"T-{self.logged % 3}"))

    @rule(org=st.sampled_from(ORGS), some=st.booleans())
    def approve(self, org: str, some: bool) -> None:
        ids = [e.id for e in self.w.worked.billable(org, PERIOD)][::2] if some else None
        self.w.service.approve("anna", org, PERIOD, ids)

    @rule()
    def propose(self) -> None:
        self.w.service.propose_drafts(PERIOD)

    @rule(pick=st.integers(0, 20))
    def approve_a_draft(self, pick: int) -> None:
        drafts = [d for d in self.w.drafts.for_period(PERIOD) if d.status is not DraftStatus.CREDITED]
        if drafts:
            try:
                self.w.service.approve_draft("anna", drafts[pick % len(drafts)].id)
            except EntryTaken:
                pass  # a stale draft: refused whole, nothing locked

    @rule(pick=st.integers(0, 20))
    def credit(self, pick: int) -> None:
        live = self._live()
        if live:
            self.w.service.credit(live[pick % len(live)].id)

    def _live(self) -> list[Invoice]:
        issued = self.w.invoices.issued_between(NOW.date() - timedelta(days=1), NOW.date())
        credited = {i.source_id for i in issued if i.kind is InvoiceKind.CREDIT_NOTE}
        return [i for i in issued if i.kind is InvoiceKind.INVOICE and i.source_id not in credited]

    def _billed(self) -> dict[str, list[str]]:
        billed: dict[str, list[str]] = {}
        for invoice in self._live():
            draft = self.w.drafts.get(invoice.source_id)
            assert draft is not None
            for entry_id in draft.entry_ids:
                billed.setdefault(entry_id, []).append(invoice.id)
        return billed

    @invariant()
    def never_twice_and_the_lock_agrees(self) -> None:
        billed = self._billed()
        assert all(len(on) == 1 for on in billed.values())
        for org in ORGS:
            for entry in self.w.ledger.entries(org, PERIOD):
                assert (billed.get(entry.id) or [None])[0] == entry.invoice_id

    def teardown(self) -> None:
        for draft in self.w.service.propose_drafts(PERIOD):
            self.w.service.approve_draft("anna", draft.id)
        approved = {e.id: e.entry.minutes for org in ORGS for e in self.w.ledger.entries(org, PERIOD)}
        billed = self._billed()
        assert set(billed) == set(approved)  # none lost
        invoiced_minutes = sum(
            line.minutes
            for i in self._live()
            for line in self.w.drafts.get(i.source_id).lines  # type: ignore[union-attr]
        )
        assert invoiced_minutes == sum(approved.values())


TestInterleavings = Interleavings.TestCase
TestInterleavings.settings = settings(
    max_examples=150, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
