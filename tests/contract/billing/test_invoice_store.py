"""One contract for invoice store and documents: the in-memory fakes, and DynamoDB and S3 under moto."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, timedelta

import boto3
import pytest
from helpdesk.billing.adapters.dynamo_invoices import DynamoInvoiceStore
from helpdesk.billing.adapters.s3_invoice_documents import S3InvoiceDocuments
from helpdesk.billing.model.invoices import Invoice, InvoiceKind, credit_note_for, invoice_id_for
from helpdesk.billing.ports import InvoiceDocuments, InvoiceStore
from helpdesk.kernel.errors import NotFound
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, dynamodb_client, serialised_moto
from tests.fakes.billing.memory_invoices import InMemoryInvoiceDocuments, InMemoryInvoiceStore
from tests.support.invoices import NOW, invoice, order

pytestmark = pytest.mark.contract


@pytest.fixture(params=["memory", "dynamodb"])
def store(request: pytest.FixtureRequest) -> Iterator[InvoiceStore]:
    if request.param == "memory":
        yield InMemoryInvoiceStore()
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        yield DynamoInvoiceStore(dynamodb_client(), "helpdesk")


def draft(source: str, **changes: object) -> Invoice:
    base = replace(invoice(the_order=order(source)), id=invoice_id_for(source, InvoiceKind.INVOICE))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_numbers_run_per_kind_and_per_year(store: InvoiceStore) -> None:
    first, second = store.issue(draft("co_1")), store.issue(draft("co_2"))
    credit = store.issue(credit_note_for(first, invoice_id_for("co_1", InvoiceKind.CREDIT_NOTE), NOW))
    next_year = store.issue(draft("co_3", issued_at=NOW.replace(year=2027, month=1, day=1)))
    assert [first.number, second.number] == ["INV-2026-000001", "INV-2026-000002"]
    assert credit.number == "CN-2026-000001" and credit.kind is InvoiceKind.CREDIT_NOTE
    assert next_year.number == "INV-2027-000001"
    assert store.get(second.id) == second and store.get("inv_missing") is None


def test_a_source_gets_one_invoice_of_each_kind_and_repeats_take_no_number(store: InvoiceStore) -> None:
    first = store.issue(draft("co_1"))
    again = store.issue(draft("co_1", issued_at=NOW + timedelta(hours=1)))  # a retry, an hour later
    assert again == first and store.for_source("co_1", InvoiceKind.INVOICE) == first
    with pytest.raises(ValueError):
        store.issue(replace(draft("co_9"), id="inv_chosen_by_caller"))
    assert store.for_source("co_1", InvoiceKind.CREDIT_NOTE) is None
    assert store.issue(draft("co_2")).number == "INV-2026-000002"  # no gap left by the repeat


def test_fifty_parallel_issues_get_fifty_consecutive_numbers(store: InvoiceStore) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        issued = list(pool.map(lambda n: store.issue(draft(f"co_{n}")), range(50)))
    numbers = sorted(int(i.number.rsplit("-", 1)[1]) for i in issued)
    assert numbers == list(range(1, 51))
    assert len({i.id for i in issued}) == 50


def test_the_same_order_issued_in_parallel_gets_one_number(store: InvoiceStore) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        issued = list(pool.map(lambda n: store.issue(draft("co_same")), range(8)))
    assert len({i.id for i in issued}) == 1 and issued[0].number == "INV-2026-000001"
    assert store.issue(draft("co_next")).number == "INV-2026-000002"


def test_listings_by_organisation_customer_and_date(store: InvoiceStore) -> None:
    older = store.issue(draft("co_1", issued_at=NOW - timedelta(days=40)))
    newer = store.issue(draft("co_2"))
    other = store.issue(replace(draft("co_3"), organisation_id="org-globex", customer_id="cus-9"))
    assert store.for_organisation("org-acme") == [newer, older]
    assert store.for_customer("cus-9") == [other] and store.for_organisation("org-none") == []
    assert store.issued_between(date(2026, 10, 1), date(2026, 11, 30)) == [older, newer, other]
    assert store.issued_between(date(2026, 11, 1), date(2026, 11, 30)) == [newer, other]
    assert store.issued_between(date(2026, 11, 26), date(2027, 1, 31)) == []


@pytest.fixture(params=["memory", "s3"])
def documents(request: pytest.FixtureRequest) -> Iterator[InvoiceDocuments]:
    if request.param == "memory":
        yield InMemoryInvoiceDocuments()
        return
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-central-1")
        s3.create_bucket(Bucket="invoices", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
        yield S3InvoiceDocuments(s3, "invoices")


def test_documents_are_stored_and_handed_out_by_url(documents: InvoiceDocuments) -> None:
    documents.put("invoices/2026/inv_1.html", "<p>first</p>")
    documents.put("invoices/2026/inv_1.html", "<p>again</p>")  # a retry overwrites
    url = documents.download_url("invoices/2026/inv_1.html", "INV-2026-000001.html", 300)
    assert "invoices/2026/inv_1.html" in url and "300" in url or "Expires=" in url
    with pytest.raises(NotFound):
        documents.download_url("invoices/2026/missing.html", "x.html", 300)
