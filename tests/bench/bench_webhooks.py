"""Webhooks at volume through the local stack: 1,000 table changes (new customers) -> the table's stream ->
WebhookEventsFunction -> WebhookDeliveryQueue -> WebhookDeliveryFunction -> a loopback receiver that answers
500 to 30% of all requests at random. Every event must arrive (2xx) at least once, verified with the reference
`standardwebhooks` library; none lost; the webhook DLQs empty. The retry schedule is compressed
(WEBHOOK_RETRY_SCALE, default here 0.0005: 5 s -> 2.5 ms, 5 min -> 0.15 s, 30 min -> 0.9 s, 2 h -> 3.6 s).

Run: `pytest tests/bench/bench_webhooks.py -m bench -s`. HELPDESK_BENCH_WEBHOOK_EVENTS (default 1,000) and
HELPDESK_BENCH_WEBHOOK_FAILURES (default 0.3) change the run. Results: docs/performance.md, "Webhooks: 1,000
events to a receiver failing 30% at random"."""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from standardwebhooks.webhooks import Webhook

from tests.bench.local_mail import dead_letters, env_int, machine_load, percentiles
from tests.bench.report import write_section
from tests.support.local_process import LocalProcess
from tests.support.webhook_receiver import Receiver

pytestmark = pytest.mark.bench
EVENTS = env_int("HELPDESK_BENCH_WEBHOOK_EVENTS", 1000)
FAILURES = float(os.environ.get("HELPDESK_BENCH_WEBHOOK_FAILURES", "0.3"))
SCALE = os.environ.get("HELPDESK_BENCH_WEBHOOK_SCALE", "0.0005")
TITLE = "Webhooks: 1,000 events to a receiver failing 30% at random"


def write_customers(stack: LocalProcess, ids: list[str]) -> dict[str, float]:
    """New customer items, 25 per BatchWriteItem; returns when each was written."""
    db, written = stack.client("dynamodb"), {}
    table = next(t for t in db.list_tables()["TableNames"] if t.startswith("helpdesk"))
    for start in range(0, len(ids), 25):
        chunk = ids[start : start + 25]
        items = [{"PutRequest": {"Item": {
            "pk": {"S": f"CUSTOMER#{cid}"}, "sk": {"S": "CUSTOMER"}, "entity": {"S": "customer"},
            "data": {"S": f'{{"id": "{cid}", "email": "{cid}@bench.example", "name": "Bench {cid}"}}'},
        }}} for cid in chunk]  # fmt: skip
        db.batch_write_item(RequestItems={table: items})
        now = time.time()
        written |= {cid: now for cid in chunk}
    return written


def test_every_event_arrives_at_least_once_through_random_failures(tmp_path: Path) -> None:
    receiver = Receiver(failure_rate=FAILURES).start()
    stack = LocalProcess(tmp_path / "state", env={"WEBHOOK_RETRY_SCALE": SCALE}).start()
    try:
        admin = stack.token("admin@helpdesk.localhost")
        body = {"url": receiver.url("/random"), "events": ["customer.created"], "description": "bench"}
        status, hook = stack.api("console", "POST", "/webhooks", admin, body)
        assert status == 201, hook
        ids = [f"bench{uuid.uuid4().hex[:12]}" for _ in range(EVENTS)]
        load_before = machine_load()
        started = time.time()
        written = write_customers(stack, ids)

        def delivered() -> dict[str, float]:
            firsts: dict[str, float] = {}
            for r in receiver.at("/random"):
                if r.status == 200:
                    firsts.setdefault(r.payload["data"]["id"], r.at)
            return firsts

        stack.wait_for(lambda: len(delivered()) >= EVENTS, timeout=1800, every=2)
        finished = time.time()
        load_after = machine_load()
        firsts = delivered()
        received = receiver.at("/random")
        webhook = Webhook(hook["secret"])
        for r in received:  # every request, failed or not, carries a valid signature
            webhook.verify(r.body, r.headers)
        per_id = Counter(r.headers["webhook-id"] for r in received)
        ok_per_id = Counter(r.headers["webhook-id"] for r in received if r.status == 200)
        stack.wait_for(
            lambda: all(v == 0 for k, v in dead_letters(stack).items() if "webhook" in k), timeout=30
        )
        dlq = {k: v for k, v in dead_letters(stack).items() if "webhook" in k}
        latency = percentiles([firsts[cid] - written[cid] for cid in ids])
        attempts = Counter(per_id.values())
    finally:
        stack.stop()
        receiver.stop()

    assert set(firsts) == set(ids)  # none lost
    assert all(v == 0 for v in dlq.values()), dlq
    failed = sum(1 for r in received if r.status != 200)
    duplicates = sum(n - 1 for n in ok_per_id.values() if n > 1)
    spread = ", ".join(f"{n} attempt{'s' if n > 1 else ''}: {count}" for n, count in sorted(attempts.items()))
    seconds = finished - started
    write_section(
        TITLE,
        f"""
`tests/bench/bench_webhooks.py`: {EVENTS} new customer items written to the table (BatchWriteItem, 25 at a time)
become `customer.created` events on the stream, one delivery each to a loopback receiver that answers 500 to
{FAILURES:.0%} of all requests at random; retries follow the ~3-day schedule compressed by
`WEBHOOK_RETRY_SCALE={SCALE}`. Every request the receiver got was verified with the reference `standardwebhooks`
library. The machine is shared ({load_before} before, {load_after} after).

| measure | value |
|---|---|
| events delivered (2xx) at least once | {len(firsts)} of {EVENTS}: none lost |
| requests the receiver got / answered 500 | {len(received)} / {failed} |
| attempts per event | {spread} |
| the same event accepted twice (at-least-once duplicates) | {duplicates} |
| webhook DLQs after the run | {", ".join(f"{k}: {v}" for k, v in dlq.items())} |
| first write to last event delivered | {seconds:.0f} s ({EVENTS / seconds:.1f} events/s) |
| write to first 2xx per event, p50 / p99 / max | {latency["p50"]:.1f} / {latency["p99"]:.1f} / {latency["max"]:.1f} s |
""",
    )
