"""One contract for quotes, client accounts, the time ledger and drafts: fakes, and DynamoDB under moto."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from helpdesk.billing.adapters.dynamo_billing import (
    DynamoClientAccounts,
    DynamoDrafts,
    DynamoQuotes,
    DynamoTimeLedger,
)
from helpdesk.billing.adapters.dynamo_receivables import DynamoReceivables
from helpdesk.billing.model.quotes import Quote, QuoteLine
from helpdesk.billing.model.receivables import Payment, Receivable, Refund
from helpdesk.billing.model.time_invoices import DraftStatus, propose
from helpdesk.billing.model.time_ledger import EntryTaken, LedgerEntry
from helpdesk.commerce.public import CardRefund
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, dynamodb_client, serialised_moto
from tests.fakes.billing.memory_billing import (
    InMemoryClientAccounts,
    InMemoryDrafts,
    InMemoryQuotes,
    InMemoryReceivables,
    InMemoryTimeLedger,
)
from tests.support.invoices import NOW
from tests.unit.billing.test_time_billing import ACME, worked

pytestmark = pytest.mark.contract


@dataclass
class Stores:
    quotes: Any
    accounts: Any
    ledger: Any
    drafts: Any


@pytest.fixture(params=["memory", "dynamodb"])
def stores(request: pytest.FixtureRequest) -> Iterator[Stores]:
    if request.param == "memory":
        yield Stores(InMemoryQuotes(), InMemoryClientAccounts(), InMemoryTimeLedger(), InMemoryDrafts())
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        db = dynamodb_client()
        yield Stores(*(cls(db, "helpdesk") for cls in (DynamoQuotes, DynamoClientAccounts, DynamoTimeLedger,
                                                       DynamoDrafts)))  # fmt: skip


def quote(quote_id: str, org: str = "org-acme", minutes_ago: int = 0) -> Quote:
    lines = (QuoteLine.priced("Development", Decimal("10.5"), 8000, None), QuoteLine("Hosting", 2500))
    return Quote(quote_id, org, "EUR", lines, "mia", NOW - timedelta(minutes=minutes_ago), NOW.date())


def test_quotes_round_trip_newest_first_and_move_only_from_the_status_read(stores: Stores) -> None:
    older, newer = quote("qt_1", minutes_ago=5), quote("qt_2")
    stores.quotes.put(older), stores.quotes.put(newer), stores.quotes.put(quote("qt_3", "org-globex"))
    assert stores.quotes.get("qt_1") == older and stores.quotes.get("qt_x") is None
    assert [q.id for q in stores.quotes.for_organisation("org-acme")] == ["qt_2", "qt_1"]
    sent = older.sent(NOW)
    assert stores.quotes.replace(older, sent) and not stores.quotes.replace(older, sent)
    accepted = sent.accepted("alice", NOW)
    assert stores.quotes.replace(sent, accepted) and stores.quotes.get("qt_1") == accepted


def test_client_accounts_round_trip(stores: Stores) -> None:
    assert stores.accounts.get("org-acme") is None
    stores.accounts.put(ACME)
    assert stores.accounts.get("org-acme") == ACME


def test_the_ledger_approves_once_and_locks_all_or_nothing(stores: Stores) -> None:
    ledger = stores.ledger
    approved = [LedgerEntry(worked(f"t{n}"), "anna", NOW) for n in range(3)]
    globex = LedgerEntry(worked("g1", "org-globex"), "anna", NOW)
    assert ledger.approve([*approved, globex]) == 4 and ledger.approve(approved) == 0
    assert (
        ledger.organisations("2026-11") == ["org-acme", "org-globex"]
        and ledger.organisations("2026-10") == []
    )
    ledger.take(["t0", "t1"], "inv_a")
    ledger.take(["t0", "t1"], "inv_a")  # repeatable
    with pytest.raises(EntryTaken):
        ledger.take(["t2", "t1"], "inv_b")  # t1 is inv_a's: t2 stays free too
    with pytest.raises(EntryTaken):
        ledger.take(["t2", "nope"], "inv_b")  # not approved
    held = {e.id: e.invoice_id for e in ledger.entries("org-acme", "2026-11")}
    assert held == {"t0": "inv_a", "t1": "inv_a", "t2": None}
    ledger.release(["t0", "t1", "t2"], "inv_b")  # not inv_b's: nothing moves
    ledger.release(["t0", "t1"], "inv_a")
    assert all(e.free for e in ledger.entries("org-acme", "2026-11"))


def test_drafts_round_trip_per_period(stores: Stores) -> None:
    entries = [LedgerEntry(worked("t1"), "anna", NOW)]
    draft = propose("org-acme", "2026-11", 0, ACME, entries, NOW)
    stores.drafts.put(draft)
    approved = replace(draft, status=DraftStatus.APPROVED, approved_by="anna", invoice_id="inv_1")
    stores.drafts.put(approved)
    assert stores.drafts.get(draft.id) == approved and stores.drafts.for_period("2026-11") == [approved]
    assert stores.drafts.for_period("2026-12") == [] and stores.drafts.get("td_x") is None


def test_a_lock_over_more_than_one_transaction_is_still_all_or_nothing(stores: Stores) -> None:
    ledger = stores.ledger
    ledger.approve([LedgerEntry(worked(f"t{n:03d}"), "anna", NOW) for n in range(150)])
    ledger.take(["t130"], "inv_a")
    with pytest.raises(EntryTaken):
        ledger.take([f"t{n:03d}" for n in range(150)], "inv_b")  # the second chunk is refused
    held = {e.id: e.invoice_id for e in ledger.entries("org-acme", "2026-11") if not e.free}
    assert held == {"t130": "inv_a"}


@pytest.fixture(params=["memory", "dynamodb"])
def receivables(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "memory":
        yield InMemoryReceivables()
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        yield DynamoReceivables(dynamodb_client(), "helpdesk")


def test_receivables_save_on_version_and_drop_out_of_the_open_list_when_settled(receivables: Any) -> None:
    old = Receivable("inv_1", "INV-1", "org-acme", "ap@acme.example", "EUR", 1000, NOW.date(), NOW.date())
    new = replace(old, invoice_id="inv_2", issued_on=NOW.date() + timedelta(days=1))
    assert receivables.add(old) == old and receivables.add(replace(old, total=5)) == old
    receivables.add(new)
    assert [r.invoice_id for r in receivables.open()] == ["inv_1", "inv_2"]
    payment = Payment("k", 1000, NOW.date(), "bank_transfer", "SEPA", "ivan", NOW)
    paid = old.paying(payment)
    assert receivables.save(paid) and not receivables.save(paid)  # a second writer of the same version loses
    assert receivables.get("inv_1") == paid and [r.invoice_id for r in receivables.open()] == ["inv_2"]


def test_receivables_keep_their_refunds_and_which_invoice_a_card_payment_paid(receivables: Any) -> None:
    owed = Receivable("inv_r", "INV-R", "org-acme", "ap@acme.example", "EUR", 1000, NOW.date(), NOW.date())
    receivables.add(owed)
    paid = owed.paying(Payment("pi_1", 1000, NOW.date(), "card", "pi_1", "alice", NOW))
    refunded = paid.refunding(Refund("re_1", "pi_1", 400, NOW.date(), NOW))
    assert receivables.save(paid) and receivables.save(refunded)
    assert receivables.get("inv_r") == refunded and refunded.refunds[0].amount == 400
    assert receivables.invoice_for_payment("pi_1") is None
    receivables.link_payment("pi_1", "inv_r")
    receivables.link_payment("pi_1", "inv_r")  # the paid webhook again
    found = receivables.invoice_for_payment("pi_1"), receivables.invoice_for_payment("pi_2")
    assert found == ("inv_r", None)
    early, later = CardRefund("re_1", 400, "EUR", "succeeded"), CardRefund("re_2", 100, "EUR", "pending")
    for refund in (early, later, early):  # reported twice: held once
        receivables.hold_refund("pi_3", refund, 2_000_000_000)
    assert sorted(receivables.held_refunds("pi_3"), key=lambda r: r.id) == [early, later]
    assert receivables.held_refunds("pi_1") == []
