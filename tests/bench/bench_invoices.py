"""Invoice benchmark: rendering, and the gap-free number allocator under contention (DynamoDB in moto).

Run: `.venv/bin/python -m pytest tests/bench/bench_invoices.py -m bench -s` (writes the "Invoices" section of
docs/performance.md). moto runs one request at a time here (as DynamoDB evaluates a condition atomically)
and copies the table for every transaction, so these are upper bounds of the allocator's cost, not AWS's.
"""

from __future__ import annotations

import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from helpdesk.billing.adapters.dynamo_invoices import DynamoInvoiceStore
from helpdesk.billing.model.invoice_html import invoice_html
from helpdesk.billing.model.invoices import Invoice, InvoiceKind, invoice_id_for
from moto import mock_aws

from tests.bench.report import write_section
from tests.contract.helpdesk_table import create_helpdesk_table, dynamodb_client, serialised_moto
from tests.support.invoices import invoice, order

pytestmark = pytest.mark.bench


def draft(source: str) -> Invoice:
    return replace(invoice(the_order=order(source)), id=invoice_id_for(source, InvoiceKind.INVOICE))


class CountingStore(DynamoInvoiceStore):
    attempts = 0

    def _try_issue(self, invoice: Invoice, last: int):  # type: ignore[no-untyped-def]
        CountingStore.attempts += 1
        return super()._try_issue(invoice, last)


def race(workers: int, issues: int = 50) -> tuple[float, int, list[int]]:
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        store = CountingStore(dynamodb_client(), "helpdesk")
        CountingStore.attempts = 0
        started = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            issued = list(pool.map(lambda n: store.issue(draft(f"co_{workers}_{n}")), range(issues)))
        elapsed = time.perf_counter() - started
    return elapsed, CountingStore.attempts, sorted(int(i.number[-6:]) for i in issued)


def test_invoice_benchmark() -> None:
    sample = draft("co_render").numbered(1)
    started = time.perf_counter()
    for _ in range(2000):
        invoice_html(sample)
    render_per_second = 2000 / (time.perf_counter() - started)

    with mock_aws():
        create_helpdesk_table()
        store = DynamoInvoiceStore(dynamodb_client(), "helpdesk")
        timings = []
        for n in range(30):
            t = time.perf_counter()
            store.issue(draft(f"serial_{n}"))
            timings.append((time.perf_counter() - t) * 1000)
    rows = []
    for workers in (1, 10, 50):
        elapsed, attempts, numbers = race(workers)
        assert numbers == list(range(1, 51))
        rows.append(f"| 50 issues, {workers} threads | {elapsed:.1f} s | {attempts} transactions |")
    load = os.getloadavg()[0]
    write_section(
        "Invoices",
        f"""
Load average at the start: {load:.1f} (2 cores shared with other work).

- Rendering an invoice document (`invoice_html`, 2 lines): {render_per_second:,.0f} documents/s.
- Issuing one invoice in in-process moto (read, counter + invoice transaction), serial:
  median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms over 30.

| gap-free numbers under contention (moto, serialised) | wall time | transactions tried |
| --- | --- | --- |
{chr(10).join(rows)}

Every run gave the numbers 1..50 exactly. A losing transaction learns the winner's number from the
cancellation (`ReturnValuesOnConditionCheckFailure`) and retries after a jittered backoff; moto copies the
whole table per transaction, so its cost grows with the table, unlike DynamoDB's.
""",
    )
