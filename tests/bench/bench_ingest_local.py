"""Tickets from mail through the local stack: smtplib -> local SMTP -> raw-mail bucket -> S3 notification -> ingest
queue -> MailIngestFunction (the real handler) -> helpdesk table, all in `helpdesk local up` on the moto server.

Run: `make bench` or `pytest tests/bench/bench_ingest_local.py -m bench -s`. HELPDESK_BENCH_MAILS (default 10,000)
and HELPDESK_BENCH_SENDERS (SMTP connections at once, default 4) change the run. Results go to docs/performance.md,
section "Tickets from mail: 10,000 mails through the local stack".
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.bench.local_mail import (
    Observer,
    bench_mails,
    census,
    dead_letters,
    env_int,
    machine_load,
    percentiles,
    send,
    send_all,
    wait_until_ingested,
)
from tests.bench.report import write_section
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.bench
MAILS = env_int("HELPDESK_BENCH_MAILS", 10_000)
SENDERS = env_int("HELPDESK_BENCH_SENDERS", 4)
PROBES = 20
TITLE = "Tickets from mail: 10,000 mails through the local stack"


def test_mail_becomes_tickets_through_the_local_stack(tmp_path: Path) -> None:
    stack = LocalProcess(tmp_path / "state", demo=False).start()
    try:
        observer = Observer(stack)
        idle = []
        for mail in bench_mails(PROBES, "probe"):  # one at a time: the pipeline's own latency
            key, accepted = send(stack.smtp_port, mail)
            assert observer.wait_for({key}, stall=120)
            idle.append(observer.seen[key] - accepted)
        load_before = machine_load()
        mails = bench_mails(MAILS, "ingest")
        started = time.time()
        accepted = send_all(stack.smtp_port, mails, SENDERS)
        sent_in = time.time() - started
        print(
            f"\n{MAILS} mails accepted in {sent_in:.0f} s; {len(observer.seen) - PROBES} ingested so far",
            flush=True,
        )
        wait_until_ingested(stack, observer, set(accepted))
        load_after = machine_load()
        observed = {k: observer.seen[k] - at for k, (_, at) in accepted.items() if k in observer.seen}
        last = max(observer.seen[k] for k in observed)
        latencies = list(observed.values())
        counts = census(stack)
        dlq = dead_letters(stack)
    finally:
        stack.stop()
        keep_log(stack)
    assert len(accepted) == MAILS
    assert {m.message_id: counts[m.message_id] for m in mails} == {m.message_id: 1 for m in mails}
    assert sum(dlq.values()) == 0, dlq
    record(sent_in, last - started, percentiles(latencies), percentiles(idle), (load_before, load_after))
    assert len(observed) == MAILS, f"the log showed {len(observed)} of {MAILS} mails ingested"


def keep_log(stack: LocalProcess) -> None:
    """The stack's output, for a look at what a slow or failed run did."""
    artifacts = Path(__file__).resolve().parents[1] / ".artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "bench-ingest-local-stack.log").write_text("".join(stack.output))


def record(
    sent_in: float,
    drained_in: float,
    loaded: dict[str, float],
    idle: dict[str, float],
    load: tuple[str, str],
) -> None:
    replies = sum(1 for m in bench_mails(MAILS, "ingest") if m.reply_to)
    write_section(
        TITLE,
        f"""
Measured by `pytest tests/bench/bench_ingest_local.py -m bench -s` (`make bench`) with {MAILS:,} mails
(HELPDESK_BENCH_MAILS). The path is the product's: `helpdesk local up --fresh --no-demo` in its own process, smtplib
over {SENDERS} SMTP connections at once -> local SMTP server -> raw-mail bucket (moto server) -> S3 notification ->
ingest queue -> local SQS pollers -> `MailIngestFunction` (the real handler, batches of 10, partial batch failures;
{os.cpu_count()} batches at once, each in a process of its own: the event's MaximumConcurrency of 5, capped by the local
stack at the machine's cores) -> helpdesk table, an acknowledgement per new ticket to SES. {MAILS - replies:,} mails open tickets,
{replies:,} answer an earlier mail of the same customer (In-Reply-To). "Visible" is when the worker logged the mail
as ingested, after its message and ticket were committed; latency runs from the SMTP server's `250` to then. At the
end a scan of the table through the emulator found each Message-ID's message exactly once, and every DLQ empty.

Machine: 2 cores shared with other sessions; {load[0]} at the start, {load[1]} at the end.

| what | value |
| --- | --- |
| mails accepted over SMTP | {MAILS:,} in {sent_in:.0f} s ({MAILS / sent_in:.1f} mails/s) |
| ingest throughput, first accepted to last visible | {MAILS / drained_in:.2f} mails/s ({drained_in:.0f} s) |
| latency under this load (queueing included), p50 / p99 / max | {loaded["p50"]:.0f} / {loaded["p99"]:.0f} / {loaded["max"]:.0f} s |
| latency of a lone mail (idle stack, {PROBES} mails one at a time), p50 / p99 | {idle["p50"]:.2f} / {idle["p99"]:.2f} s |
| lost / duplicated / dead-lettered | 0 / 0 / 0 |

The mails are sent faster than the stack ingests them, so the latency under load is mostly time spent waiting in
the ingest queue (it grows with the run); the lone-mail latency is the pipeline's own. Where the time goes: section
"Where the local stack spends its time".
""",
    )
