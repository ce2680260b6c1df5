"""The invoice service on in-memory fakes: once per order, one credit note, the rate of the day, scoping."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.billing.model.exchange import RateMissing
from helpdesk.billing.model.invoices import InvoiceKind
from helpdesk.billing.services.invoices import InvoicePolicy, InvoiceService
from helpdesk.commerce.model.parties import BillingDetails
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import NotFound
from helpdesk.tickets.public import customer_id_for

from tests.fakes.billing.memory_invoices import InMemoryInvoiceDocuments, InMemoryInvoiceStore
from tests.support.invoices import NOW, RATES, RULES, SELLER, order

pytestmark = pytest.mark.unit
ALICE = Principal("sub-a", "alice@acme.example", frozenset({Role.CUSTOMER}), "org-acme")
BOB = Principal("sub-b", "bob@globex.example", frozenset({Role.CUSTOMER}), "org-globex")
ANNA = Principal("sub-anna", "anna@helpdesk.localhost", frozenset({Role.ACCOUNTANT}))


@pytest.fixture
def world() -> tuple[InvoiceService, InMemoryInvoiceStore, InMemoryInvoiceDocuments, FixedClock]:
    store, documents, clock = InMemoryInvoiceStore(), InMemoryInvoiceDocuments(), FixedClock(NOW)
    service = InvoiceService(store, documents, RATES, InvoicePolicy(SELLER, RULES, "EUR", 120), clock)
    return service, store, documents, clock


def test_an_order_is_invoiced_once_with_its_document(world) -> None:  # type: ignore[no-untyped-def]
    service, store, documents, clock = world
    first = service.invoice_order(order("co_1"), BillingDetails("Alice", "Acme", "DE"))
    clock.current = NOW + timedelta(days=1)
    again = service.invoice_order(order("co_1"))
    assert again == first and first.number == "INV-2026-000001" and first.buyer.company == "Acme"
    assert (
        list(documents.documents) == [first.document_key]
        and first.number in documents.documents[first.document_key]
    )
    assert service.invoice_order(order("co_2")).number == "INV-2026-000002"


def test_a_foreign_currency_uses_the_latest_rate_of_the_invoice_date(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _, clock = world
    clock.current = NOW.replace(day=22)  # the 24th's rate is not published yet: the 20th's applies
    invoice = service.invoice_order(
        order("co_1", amounts=(10500,), currency="USD"), BillingDetails(country="US")
    )
    assert (invoice.exchange.published.day, invoice.accounting_total) == (20, 10000)
    with pytest.raises(RateMissing):
        service.invoice_order(order("co_2", currency="GBP"))


def test_a_refund_gives_one_credit_note_and_none_before_the_invoice(world) -> None:  # type: ignore[no-untyped-def]
    service, store, documents, _ = world
    assert service.credit_order("co_1") is None  # refund before the invoice: fulfilment credits later
    original = service.invoice_order(order("co_1"))
    credit = service.credit_order("co_1")
    assert credit is not None and service.credit_order("co_1") == credit
    assert (credit.number, credit.kind, credit.total) == (
        "CN-2026-000001",
        InvoiceKind.CREDIT_NOTE,
        -original.total,
    )
    assert {i.id for i in store.for_organisation("org-acme")} == {original.id, credit.id}
    assert len(documents.documents) == 2


def test_customers_see_and_download_their_organisations_invoices_only(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _, _ = world
    mine = service.invoice_order(order("co_1"))
    theirs = service.invoice_order(order("co_2", organisation_id="org-globex", customer_id="cus-2"))
    guest = service.invoice_order(order("co_3", organisation_id=None, customer_id="cus-3"))
    assert service.visible_to(ALICE) == [mine] and service.visible_to(BOB) == [theirs]
    assert "expires_in=120" in service.download_url(ALICE, mine.id)
    for invoice_id in (theirs.id, guest.id, "inv_missing"):
        with pytest.raises(NotFound):
            service.download_url(ALICE, invoice_id)
    assert service.download_url(ANNA, theirs.id) and service.download_url(ANNA, guest.id)  # staff see all
    assert service.visible_to(ANNA, "cus-3") == [guest] and service.visible_to(ANNA) == []


def test_a_guest_purchase_is_the_customers_own_once_they_sign_in_with_its_address(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _, _ = world
    alice_as_guest = customer_id_for("alice@acme.example")
    mine = service.invoice_order(order("co_1"))
    as_guest = service.invoice_order(order("co_2", organisation_id=None, customer_id=alice_as_guest))
    assert {i.id for i in service.visible_to(ALICE)} == {as_guest.id, mine.id}
    assert service.download_url(ALICE, as_guest.id)
    assert as_guest.id not in [i.id for i in service.visible_to(BOB)]
    with pytest.raises(NotFound):
        service.download_url(BOB, as_guest.id)


def test_a_renewal_reuses_the_buyer_details_of_the_last_invoice(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _, clock = world
    assert service.last_billing("cus-1") is None
    service.invoice_order(order("co_1"), BillingDetails("Alice", "Acme SARL", "FR", "FR12345678901"))
    clock.current = NOW + timedelta(days=365)
    renewal = service.invoice_order(order("renewal-co_1-1", amounts=(4900,)))  # no checkout details
    assert renewal.number == "INV-2027-000001" and renewal.buyer.vat_id == "FR12345678901"
    assert renewal.tax.treatment.value == "reverse_charge"
