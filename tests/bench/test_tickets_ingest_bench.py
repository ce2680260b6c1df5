"""Ingest cost per mail on the real adapters (moto in-process) and crash-convergence over many seeds.

Results go to docs/performance.md, section "Tickets from mail".
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from botocore.client import BaseClient

from tests.bench.report import DOC, write_section
from tests.integration.tickets.conftest import stack  # noqa: F401 - the fixture
from tests.support.faults import run_seed

pytestmark = pytest.mark.bench
RESULTS: dict[str, str] = {}


@pytest.fixture
def api_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    calls: Counter[str] = Counter()
    original = BaseClient._make_api_call

    def counting(self, operation, params):  # type: ignore[no-untyped-def]
        service = self.meta.service_model.service_name
        calls[f"{service}.{operation}"] += 1
        if operation == "TransactWriteItems":
            calls["dynamodb.transact_items"] += len(params.get("TransactItems", []))
        return original(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", counting)
    yield calls


def mail(n: int, reply_to: str | None = None) -> bytes:
    threading = f"In-Reply-To: <{reply_to}>\r\n" if reply_to else ""
    return (
        f"From: customer{n % 15}@org{n % 3}.test\r\nTo: support@support.example.com\r\nSubject: case {n}\r\n"
        f"Message-ID: <bench{n}@mail.test>\r\n{threading}\r\nHello number {n}\r\n"
    ).encode()


def test_requests_and_time_per_ingested_mail(stack, api_calls):  # noqa: F811
    count = 60  # moto is slow and grows with the table: the time here says little about DynamoDB
    latencies = []
    api_calls.clear()
    for n in range(count):
        started = time.perf_counter()
        stack.receive(mail(n), f"inbound/{n}")
        latencies.append(time.perf_counter() - started)
    new_calls = Counter(api_calls)
    api_calls.clear()
    for n in range(count):
        stack.receive(mail(count + n, reply_to=f"bench{n}@mail.test"), f"inbound/r{n}")
    reply_calls = Counter(api_calls)

    def per_mail(calls: Counter[str]) -> str:
        ops = [
            "BatchGetItem",
            "GetItem",
            "Query",
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "BatchWriteItem",
            "TransactWriteItems",
        ]
        parts = [f"{op} {calls[f'dynamodb.{op}'] / count:.1f}" for op in ops]
        parts.append(f"items in transactions {calls['dynamodb.transact_items'] / count:.1f}")
        parts.append(f"S3 GetObject {calls['s3.GetObject'] / count:.1f}")  # the bench's own Put/Head left out
        parts.append(f"SES {calls['ses.SendRawEmail'] / count:.1f}")
        return ", ".join(parts)

    quantiles = statistics.quantiles(latencies, n=100)
    RESULTS["requests"] = (
        f"- Requests per mail, new ticket with acknowledgement: {per_mail(new_calls)}\n"
        f"- Requests per mail, reply threaded into its ticket: {per_mail(reply_calls)}\n"
        f"- In-process on moto ({count} mails; moto, not DynamoDB, dominates): "
        f"p50 {quantiles[49] * 1000:.1f} ms, p99 {quantiles[98] * 1000:.1f} ms per mail"
    )
    assert new_calls["ses.SendRawEmail"] == 45  # 15 senders x 4 mails, at most 3 acknowledgements an hour


def test_crash_convergence_over_many_seeds():
    started = time.perf_counter()
    crashes = sum(run_seed(seed, probability=0.3).crashes for seed in range(100))
    RESULTS["chaos"] = (
        f"- Fault injection: 100 seeds x 200 mails, crash probability 0.3 per checkpoint: {crashes} crashes, "
        f"every seed converged (each mail once, at most one acknowledgement), "
        f"{time.perf_counter() - started:.1f} s"
    )


def section_lines(title: str) -> list[str]:
    text = DOC.read_text() if DOC.exists() else ""
    match = re.search(rf"<!-- bench:{re.escape(title)} -->(.*?)<!-- /bench:", text, re.DOTALL)
    return match.group(1).strip().splitlines() if match else []


def teardown_module() -> None:
    if not RESULTS:
        return
    kept = [
        line for line in section_lines("Tickets from mail") if line.startswith(_PREFIXES[_other(RESULTS)])
    ]
    lines = [RESULTS[k] for k in ("requests", "chaos") if k in RESULTS]
    write_section(
        "Tickets from mail",
        "Measured by `tests/bench/test_tickets_ingest_bench.py` (`make bench`).\n\n"
        + "\n".join(lines + kept),
    )


_PREFIXES = {"requests": ("- Requests", "- In-process"), "chaos": ("- Fault injection",), "": ("\0",)}


def _other(results: dict[str, str]) -> str:
    """The measurement this run did not make, whose earlier lines stay in the document."""
    missing = [k for k in ("requests", "chaos") if k not in results]
    return missing[0] if missing else ""
