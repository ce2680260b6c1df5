"""A burst of mail through the local stack: drain time, the template's ingest age alarm firing and clearing, the page
it sends the on-call person, nothing lost, every DLQ empty.

Run: `make bench` or `pytest tests/bench/bench_burst.py -m bench -s`. HELPDESK_BURST (default 5,000) sets the size,
HELPDESK_ALARM_TIME_SCALE (default 10) the local stack's `--alarm-time-scale`: the template's IngestAgeAlarm (3 periods
of 60 s over 300 s) is evaluated by the local alarm evaluator with periods and the age threshold divided by it, so the
fire-and-clear cycle fits a burst the local stack drains in minutes. Results go to docs/performance.md, section
"Queues under a burst".
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.bench.local_mail import (
    Observer,
    bench_mails,
    census,
    dead_letters,
    env_int,
    machine_load,
    queue_depth,
    send_all,
)
from tests.bench.report import write_section
from tests.support.local_process import LocalProcess
from tests.support.template_stack import template

pytestmark = pytest.mark.bench
BURST = env_int("HELPDESK_BURST", 5000)
TIME_SCALE = float(os.environ.get("HELPDESK_ALARM_TIME_SCALE", "10"))
ON_CALL = "ops@helpdesk.localhost"  # first in the demo rota


class AlarmWatch:
    """Polls one alarm's state through the emulator and notes each change with its time."""

    def __init__(self, stack: LocalProcess, suffix: str) -> None:
        self.cloudwatch = stack.client("cloudwatch")
        alarms = self.cloudwatch.describe_alarms()["MetricAlarms"]
        self.name = next(a["AlarmName"] for a in alarms if a["AlarmName"].endswith(suffix))
        self.changes: list[tuple[str, float]] = []
        self.poll()

    def watch(self, stop: threading.Event) -> None:
        while not stop.wait(1.0):
            self.poll()

    def poll(self) -> str:
        [alarm] = self.cloudwatch.describe_alarms(AlarmNames=[self.name])["MetricAlarms"]
        state = str(alarm["StateValue"])
        if not self.changes or self.changes[-1][0] != state:
            self.changes.append((state, time.time()))
        return state


def pages(stack: LocalProcess, alarm: str) -> list[dict[str, Any]]:
    status, sent = stack.json("mail", "GET", f"/api/messages?to={ON_CALL}")
    assert status == 200
    return [m for m in sent if m["subject"].startswith("[PAGE]") and alarm in m["subject"]]


def test_a_burst_drains_and_the_age_alarm_fires_pages_and_clears(tmp_path: Path) -> None:
    scale = ["--alarm-time-scale", f"{TIME_SCALE:g}"]
    stack = LocalProcess(tmp_path / "state", demo=True, extra_args=scale).start()
    done = threading.Event()
    try:
        observer = Observer(stack)
        watch = AlarmWatch(stack, "-ingest-age")
        threading.Thread(target=watch.watch, args=(done,), daemon=True).start()
        mails = bench_mails(BURST, "burst")
        load_before = machine_load()
        started = time.time()
        accepted = send_all(stack.smtp_port, mails, threads=4)
        stored = time.time() - started
        print(f"\n{BURST} mails accepted in {stored:.0f} s", flush=True)
        keys = set(accepted)
        progress = (0, time.time())
        while not keys <= observer.seen.keys():
            if len(observer.seen) != progress[0]:
                progress = (len(observer.seen), time.time())
            if time.time() - progress[1] > 60 and queue_depth(stack) == 0:
                break  # the log missed some: the census below tells what became of them
            assert time.time() - progress[1] < 600, "ingest stalled"
            time.sleep(2)
        drained = max(observer.seen[k] for k in keys if k in observer.seen) - started
        period = 60 / TIME_SCALE
        clear_by = time.time() + 8 * period + 60
        while watch.changes[-1][0] != "OK" and time.time() < clear_by:
            time.sleep(1)
        paged = wait_for_page(stack, watch.name)
        counts = census(stack)
        dlq = dead_letters(stack)
        load_after = machine_load()
    finally:
        done.set()
        stack.stop()
    states = [s for s, _ in watch.changes]
    assert "ALARM" in states and states[-1] == "OK", watch.changes
    assert paged, "no page reached the on-call person"
    assert {m.message_id: counts[m.message_id] for m in mails} == {m.message_id: 1 for m in mails}
    assert sum(dlq.values()) == 0, dlq
    record(stored, drained, started, watch.changes, paged[0], (load_before, load_after))


def wait_for_page(stack: LocalProcess, alarm: str) -> list[dict[str, Any]]:
    # The mail viewer parses every sent mail per request (one acknowledgement per new ticket): ask rarely.
    deadline = time.time() + 180
    while time.time() < deadline:
        found = pages(stack, alarm)
        if found:
            return found
        time.sleep(15)
    return []


def record(
    stored: float,
    drained: float,
    started: float,
    changes: list[tuple[str, float]],
    page: dict[str, Any],
    load: tuple[str, str],
) -> None:
    props = template()["Resources"]["IngestAgeAlarm"]["Properties"]
    period, threshold = int(props["Period"]), float(props["Threshold"])
    timeline = ", ".join(f"{state} at {max(0.0, at - started):.0f} s" for state, at in changes)
    write_section(
        "Queues under a burst",
        f"""
Measured by `pytest tests/bench/bench_burst.py -m bench -s` (`make bench`) with a burst of {BURST:,} mails
(HELPDESK_BURST) through the local stack: `helpdesk local up --fresh --alarm-time-scale {TIME_SCALE:g}` in its own
process (demo data and rota loaded), smtplib over 4 SMTP connections -> local SMTP -> raw-mail bucket -> S3
notification -> ingest queue -> `MailIngestFunction` ({os.cpu_count()} batches at once, each environment a process of
its own: the event's MaximumConcurrency of 5, capped by the local stack at the machine's cores). The stack's queue-metrics publisher and alarm evaluator watch
the queues; the template's `IngestAgeAlarm` (age of the oldest message over {threshold:.0f} s for
{props["EvaluationPeriods"]} periods of {period} s) is evaluated {TIME_SCALE:g}x faster (`--alarm-time-scale`,
docs/local-stack.md): periods of {period / TIME_SCALE:g} s, threshold {threshold / TIME_SCALE:g} s. Its ALARM goes to
`OpsTopic` -> escalation queue -> `EscalationFunction` -> the escalation state machine -> pager queue ->
`PagerFunction`, which mails the page to the first person of the rota (the local mail viewer).

Machine: 2 cores shared with other sessions; {load[0]} at the start, {load[1]} at the end.

| what | value |
| --- | --- |
| mails in the burst | {BURST:,} |
| accepted over SMTP (stored, notified) | {stored:.0f} s ({BURST / stored:.1f} mails/s) |
| drained: last mail visible in its ticket | {drained:.0f} s after the first was sent ({BURST / drained:.2f} mails/s) |
| ingest age alarm | {timeline} |
| page to the on-call person | "{page["subject"]}" to {ON_CALL} |
| lost / duplicated / dead-lettered (every DLQ) | 0 / 0 / 0 |
""",
    )
