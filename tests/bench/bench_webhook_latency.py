"""Issue 19's "ticket.created within 5 s of the mail", measured: mails sent by SMTP to the local stack, one at a
time, each opening a ticket whose `ticket.created` webhook goes to a loopback receiver that verifies it with the
reference `standardwebhooks` library. Reports SMTP 250 -> ticket opened and SMTP 250 -> webhook received, p50 /
p99 / max, on an otherwise idle machine (the load average is printed with the result).

Run: `pytest tests/bench/bench_webhook_latency.py -m bench -s`. HELPDESK_BENCH_WEBHOOK_MAILS (default 30) sets
the count. Results: docs/performance.md, "Webhooks: mail to ticket.created"."""

from __future__ import annotations

import time
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from standardwebhooks.webhooks import Webhook

from tests.bench.local_mail import env_int, machine_load, percentiles
from tests.bench.report import write_section
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess
from tests.support.webhook_receiver import Receiver

pytestmark = pytest.mark.bench
MAILS = env_int("HELPDESK_BENCH_WEBHOOK_MAILS", 30)
TITLE = "Webhooks: mail to ticket.created"
TARGET = 5.0


def test_ticket_created_arrives_within_5_s_of_the_mail(tmp_path: Path) -> None:
    receiver = Receiver().start()
    stack = LocalProcess(tmp_path / "state").start()
    try:
        admin = stack.token("admin@helpdesk.localhost")
        status, hook = stack.api("console", "POST", "/webhooks", admin,
                                 {"url": receiver.url("/ok"), "events": ["ticket.created"]})  # fmt: skip
        assert status == 201, hook
        load_before = machine_load()
        opened, delivered = [], []
        for n in range(MAILS + 1):  # the first warms the path (imports, the demo data's stream backlog)
            subject = f"Latency {n} {uuid.uuid4().hex[:6]}"
            sent_at = time.time()
            send(stack, f"lat-{uuid.uuid4().hex[:6]}@initech.example", subject, "The shop is down.")
            (got,) = stack.wait_for(
                lambda s=subject: [r for r in receiver.at("/ok") if r.payload["data"].get("subject") == s],
                timeout=60, every=0.02,
            )  # fmt: skip
            Webhook(hook["secret"]).verify(got.body, got.headers)
            if n:
                opened.append(datetime.fromisoformat(got.payload["data"]["created_at"]).timestamp() - sent_at)
                delivered.append(got.at - sent_at)
        load_after = machine_load()
    finally:
        stack.stop()
        receiver.stop()

    ingest, total = percentiles(opened), percentiles(delivered)
    within = sum(1 for t in delivered if t < TARGET)
    write_section(
        TITLE,
        f"""
`tests/bench/bench_webhook_latency.py`: {MAILS} mails sent one after another by SMTP to the local stack (after
one warm-up mail), each a new ticket; a loopback receiver subscribed to `ticket.created` verifies every request
with the reference `standardwebhooks` library. Times run from the SMTP 250. The path: SMTP -> raw-mail bucket
-> ingest queue -> IngestFunction (ticket written) -> table stream -> WebhookEventsFunction -> delivery queue ->
WebhookDeliveryFunction -> receiver. Machine: {load_before} before, {load_after} after.

| measure | p50 | p99 | max |
|---|---|---|---|
| SMTP 250 -> ticket opened | {ingest["p50"]:.2f} s | {ingest["p99"]:.2f} s | {ingest["max"]:.2f} s |
| SMTP 250 -> `ticket.created` received | {total["p50"]:.2f} s | {total["p99"]:.2f} s | {total["max"]:.2f} s |

{within} of {MAILS} arrived within the {TARGET:.0f} s target. The default test run only checks that the
event arrives and verifies (its machine runs two stacks and a browser at once, so a time there measures the
neighbours, not the path).
""",
    )
    assert within == MAILS, f"{MAILS - within} of {MAILS} later than {TARGET} s"
