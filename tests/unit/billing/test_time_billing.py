"""Time to invoice on fakes: approval, one draft per client at its rate, locking, credit notes, the mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.invoices import InvoiceKind
from helpdesk.billing.model.time_invoices import DraftStatus
from helpdesk.billing.model.time_ledger import EntryTaken, WorkedEntry
from helpdesk.billing.services.invoices import InvoicePolicy
from helpdesk.billing.services.time_billing import TimeBilling
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Conflict, Invalid

from tests.fakes.billing.memory_billing import (
    InMemoryClientAccounts,
    InMemoryDrafts,
    InMemoryTimeLedger,
    InMemoryWorkedTime,
    RecordingMailer,
)
from tests.fakes.billing.memory_invoices import InMemoryInvoiceStore
from tests.support.invoices import NOW, RATES, RULES, SELLER

pytestmark = pytest.mark.unit
ACME = ClientAccount("org-acme", "billing@acme.example", "Alice", "Acme Ltd", ("1 Road",), "DE", "",
                     "EUR", 8000)  # fmt: skip
GLOBEX = ClientAccount("org-globex", "ap@globex.example", "", "Globex Inc", (), "US", "", "USD", 10000)


def worked(
    entry_id: str, org: str = "org-acme", minutes: int = 90, ref: str = "ACME-1", days: int = 0
) -> WorkedEntry:
    return WorkedEntry(entry_id, org, "task", ref, "Build the shop", "dev@helpdesk.localhost", minutes,
                       NOW - timedelta(days=days))  # fmt: skip


class World:
    def __init__(self) -> None:
        self.worked, self.ledger, self.drafts = InMemoryWorkedTime(), InMemoryTimeLedger(), InMemoryDrafts()
        self.invoices, self.mailer, self.clock = InMemoryInvoiceStore(), RecordingMailer(), FixedClock(NOW)
        self.published: list[str] = []
        self.service = TimeBilling(
            self.worked, self.ledger, self.drafts, InMemoryClientAccounts(ACME, GLOBEX), self.invoices, RATES,
            InvoicePolicy(SELLER, RULES, "EUR"), self.clock, self.mailer, self._publish,
        )  # fmt: skip

    def _publish(self, invoice) -> bytes:  # type: ignore[no-untyped-def]
        self.published.append(invoice.number)
        return b"%PDF-1.4 fake"


def test_approved_time_becomes_one_draft_per_client_at_its_rate_and_currency() -> None:
    w = World()
    w.worked.entries += [worked("t1", minutes=90), worked("t2", minutes=45, ref="ACME-2"),
                         worked("t3", minutes=50), worked("g1", "org-globex", 20, "GLX-1")]  # fmt: skip
    w.worked.entries.append(
        WorkedEntry("nb", "org-acme", "task", "ACME-1", "x", "dev", 30, NOW, billable=False)
    )
    assert w.service.approve("anna", "org-acme", "2026-11") == 3  # the non-billable entry is not approved
    assert w.service.approve("anna", "org-acme", "2026-11") == 0  # once
    w.service.approve("anna", "org-globex", "2026-11", ["g1"])
    drafts = {d.organisation_id: d for d in w.service.propose_drafts("2026-11")}
    acme, globex = drafts["org-acme"], drafts["org-globex"]
    assert [(x.reference, x.minutes, x.amount) for x in acme.lines] == [
        ("ACME-1", 140, 18667),
        ("ACME-2", 45, 6000),
    ]
    assert (acme.currency, acme.net, globex.currency, globex.net) == ("EUR", 24667, "USD", 3333)
    assert w.service.propose_drafts("2026-11")[0].id == acme.id  # the run again: the same drafts


def test_approving_a_draft_locks_its_entries_and_mails_the_pdf_and_a_credit_note_frees_them() -> None:
    w = World()
    w.worked.entries += [worked("t1"), worked("t2", minutes=30)]
    w.service.approve("anna", "org-acme", "2026-11")
    (draft,) = w.service.propose_drafts("2026-11")
    invoice = w.service.approve_draft("anna", draft.id)
    assert invoice.number == "INV-2026-000001" and invoice.total == 16000 + 3040  # 19 % German VAT on 160.00
    assert invoice.buyer.company == "Acme Ltd" and w.published == ["INV-2026-000001"]
    (mail,) = w.mailer.sent
    assert mail.to == "billing@acme.example" and mail.attachments[0].filename == "INV-2026-000001.pdf"
    assert w.service.approve_draft("anna", draft.id) == invoice and len(w.mailer.sent) == 1  # repeatable
    assert w.service.propose_drafts("2026-11") == []  # nothing free
    credit = w.service.credit(invoice.id)
    assert credit.total == -invoice.total and w.drafts.get(draft.id).status is DraftStatus.CREDITED
    with pytest.raises(Conflict):
        w.service.approve_draft("anna", draft.id)
    (again,) = w.service.propose_drafts("2026-11")
    assert again.id != draft.id and again.entry_ids == draft.entry_ids and again.revision == 1
    assert w.service.approve_draft("anna", again.id).number == "INV-2026-000002"


def test_an_entry_taken_by_another_invoice_makes_the_stale_draft_fail() -> None:
    w = World()
    w.worked.entries.append(worked("t1"))
    w.service.approve("anna", "org-acme", "2026-11")
    (draft,) = w.service.propose_drafts("2026-11")
    w.ledger.take(["t1"], "inv_other")
    with pytest.raises(EntryTaken):
        w.service.approve_draft("anna", draft.id)
    assert w.invoices.for_source(draft.id, InvoiceKind.INVOICE) is None


def test_a_client_without_a_rate_and_bad_periods_are_refused() -> None:
    w = World()
    w.worked.entries.append(worked("n1", "org-new"))
    w.service.approve("anna", "org-new", "2026-11")
    assert w.service.propose_drafts("2026-11") == [] and w.service.unpriced("2026-11") == ["org-new"]
    for bad in ["2026-13", "2026-1", "26-11", "x"]:
        with pytest.raises(Invalid):
            w.service.propose_drafts(bad)
    with pytest.raises(Invalid):
        w.service.approve("anna", "org-acme", "2026-11", ["not-there"])


def test_the_scheduled_run_proposes_the_previous_month() -> None:
    w = World()
    w.worked.entries.append(worked("t1", days=30))  # 2026-10-26
    w.service.approve("anna", "org-acme", "2026-10")
    report = w.service.monthly_run()
    assert report.period == "2026-10" and [d.period for d in report.drafts] == ["2026-10"]
    assert w.service.monthly_run().drafts[0].id == report.drafts[0].id  # daily runs: the same draft


def test_a_failed_mail_leaves_the_draft_proposed_so_the_retry_mails_the_same_invoice() -> None:
    w = World()
    w.worked.entries.append(worked("t1"))
    w.service.approve("anna", "org-acme", "2026-11")
    (draft,) = w.service.propose_drafts("2026-11")
    sent, w.mailer.send = w.mailer.send, _failing  # type: ignore[method-assign]
    with pytest.raises(ConnectionError):
        w.service.approve_draft("anna", draft.id)
    assert w.drafts.get(draft.id).status is DraftStatus.PROPOSED  # type: ignore[union-attr]
    w.mailer.send = sent  # type: ignore[method-assign]
    invoice = w.service.approve_draft("anna", draft.id)
    assert invoice.number == "INV-2026-000001"
    assert [m.subject for m in w.mailer.sent] == ["Invoice INV-2026-000001"]


def _failing(*args: object) -> None:
    raise ConnectionError("SES is down")
