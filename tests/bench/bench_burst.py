"""A burst of 5,000 mails on the ingest queue: drain time, the ingest age alarm firing and clearing, nothing lost.

Run: `pytest tests/bench/bench_burst.py -m bench -s` (HELPDESK_BURST=n for another size). Results go to
docs/performance.md, section "Queues under a burst".

In-process: S3 puts into the raw-mail bucket notify the ingest queue (moto), the local stack's SqsPoller feeds
an sqs_worker handler around the tickets' ingest service, the local stack's queue-metrics publisher and alarm
evaluator watch the queue. The template's IngestAgeAlarm (3 x 60 s over 300 s) is evaluated with its time scale
divided by TIME_SCALE, so a burst that takes a minute or two shows the whole fire-and-clear cycle.
"""

from __future__ import annotations

import os
import threading
import time

import boto3
import pytest
from helpdesk_local.alarms import AlarmEvaluator
from helpdesk_local.metrics import QueueMetricsPublisher

from tests.bench.report import write_section
from tests.support.faults import check_exactly_once
from tests.support.ingest_queue import IngestRig, ingest_rig, render
from tests.support.queue_worker import REGION
from tests.support.template_stack import template
from tests.support.tickets import MailSpec

pytestmark = pytest.mark.bench
BURST = int(os.environ.get("HELPDESK_BURST", "5000"))
TIME_SCALE = 10
POLLERS = 4


def scaled_age_alarm(rig: IngestRig, topic: str) -> dict[str, float]:
    props = template()["Resources"]["IngestAgeAlarm"]["Properties"]
    scaled = {
        "Period": int(props["Period"]) // TIME_SCALE,
        "Threshold": float(props["Threshold"]) / TIME_SCALE,
        "EvaluationPeriods": int(props["EvaluationPeriods"]),
    }
    boto3.client("cloudwatch", region_name=REGION).put_metric_alarm(
        AlarmName="ingest-age",
        Namespace=props["Namespace"],
        MetricName=props["MetricName"],
        Dimensions=[{"Name": "QueueName", "Value": rig.url.rsplit("/", 1)[1]}],
        Statistic=props["Statistic"],
        ComparisonOperator=props["ComparisonOperator"],
        TreatMissingData=props["TreatMissingData"],
        AlarmActions=[topic],
        OKActions=[topic],
        **scaled,
    )
    return scaled


def test_burst_drains_and_the_age_alarm_fires_and_clears() -> None:
    specs = [
        MailSpec(
            sender=f"c{n % 500}@org{n % 37}.test", message_id=f"burst{n}@mail.test", subject=f"Burst {n}"
        )
        for n in range(BURST)
    ]
    with ingest_rig() as rig:
        # The watchers keep their own clients: behind the pollers' moto lock they starve, and a period without a
        # datapoint counts as not breaching, so the alarm would flap.
        sns = boto3.client("sns", region_name=REGION)
        cloudwatch = boto3.client("cloudwatch", region_name=REGION)
        topic = sns.create_topic(Name="ops")["TopicArn"]
        scaled = scaled_age_alarm(rig, topic)
        stop = threading.Event()
        alarms = AlarmEvaluator(REGION, cloudwatch, sns, stop, every=scaled["Period"] / 2)
        watchers = [
            QueueMetricsPublisher(REGION, cloudwatch, [rig.url.rsplit("/", 1)[1]], stop, every=1.0),
            alarms,
        ]
        for watcher in watchers:
            watcher.start()
        started = time.monotonic()
        for n, spec in enumerate(specs):
            rig.store(render(spec, n), f"inbound/{n}")
        stored = time.monotonic() - started
        rig.drain(pollers=POLLERS)
        drained = time.monotonic() - started
        cleared_by = drained + 6 * scaled["Period"]
        while time.monotonic() - started < cleared_by and not any(
            t["NewStateValue"] == "OK" for t in alarms.transitions
        ):
            time.sleep(0.5)
        stop.set()
        for watcher in watchers:
            watcher.join(timeout=10)
        states = [(t["NewStateValue"], t["StateChangeTime"]) for t in alarms.transitions]
        assert [s for s, _ in states] == ["ALARM", "OK"], states
        assert rig.dead_letters() == 0 and rig.remaining() == 0
        check_exactly_once(rig.stores, specs, [])
        record(stored, drained, states, scaled)


def record(stored: float, drained: float, states: list[tuple[str, str]], scaled: dict[str, float]) -> None:
    write_section(
        "Queues under a burst",
        f"""
Measured by `pytest tests/bench/bench_burst.py -m bench -s`; 2 cores, shared. In-process: S3 puts into the raw-mail
bucket notify the ingest queue (moto), {POLLERS} local-stack pollers feed the `sqs_worker` handler around the tickets
ingest service (in-memory ticket stores, real mail parser), the local queue-metrics publisher and alarm evaluator
watch the queue. The ingest handler is not wired on main yet, so this runs against the tickets services in-process.
The template's ingest age alarm is evaluated {TIME_SCALE}x faster: period {scaled["Period"]:.0f} s, threshold
{scaled["Threshold"]:.0f} s, {scaled["EvaluationPeriods"]:.0f} periods (on AWS: 60 s, 300 s, 3).

| what | value |
| --- | --- |
| mails in the burst | {BURST:,} |
| time to store them (S3 puts, notifications) | {stored:.1f} s |
| time until the queue was empty | {drained:.1f} s ({BURST / drained:.0f} mails/s) |
| alarm transitions | {", ".join(s for s, _ in states)} |
| lost / duplicated / dead-lettered | 0 / 0 / 0 |

moto serializes every SQS and S3 call here (it is not thread-safe), so the drain rate is moto's, not Lambda's: on
AWS the ingest function scales out to the event source mapping's concurrency.
""",
    )
