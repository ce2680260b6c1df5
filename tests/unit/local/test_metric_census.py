"""The cost model's count of custom metrics comes from the code: names as the handlers publish them, the queue
worker's metrics once per consumer only while it adds a per-queue dimension. A custom metric is billed every
month, so the code publishes only what an alarm reads or the operations guide relies on; a handler's business
counts are log fields (docs/operations.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpdesk_local.metric_census import OUTCOMES, census, handlers, published_names

from tests.support.template_stack import ROOT, template

pytestmark = pytest.mark.unit

WORKER = """
def _record_metrics(records):
    {dimension}
    metrics.add_metric(name="RecordsProcessed", unit="Count", value=1)
    metrics.add_metric(name="RecordAge", unit="Seconds", value=1)
"""
HANDLERS = {
    "notify": 'metrics.add_metric(name="Stored" if stored else "Duplicate", unit="Count", value=1)\n'
    "handler = sqs_worker(Record, record_handler)\n",
    "charge": 'NAMES = {"paid": "Paid", "declined": "Declined", "skipped": "Skipped"}\n'
    'metrics.add_metric(name=NAMES[outcome], unit="Count", value=1)\nhandler = sqs_worker(Record, handle)\n',
    "webhook": 'metrics.add_metric(name=f"Webhook{outcome}", unit="Count", value=1)\n'
    "handler = sqs_worker(Record, handle)\n",
    "sweep": 'metrics.add_metric(name="Closed", unit="Count", value=n)\nlog_counts("sweep", Breaches=n)\n',
}
STORAGE = 'g = [Gauge("TableSizeBytes", 1.0, "Bytes", ()), Gauge("TableItemCount", 1.0, "Count", ())]\n'


def tree(root: Path, dimension: str) -> Path:
    for name, text in HANDLERS.items():
        (root / "functions" / name).mkdir(parents=True)
        (root / "functions" / name / f"{name}.py").write_text(text)
    package = root / "layers" / "core" / "helpdesk"
    (package / "operations" / "services").mkdir(parents=True)
    (package / "workers.py").write_text(WORKER.format(dimension=dimension))
    (package / "operations" / "services" / "storage_report.py").write_text(STORAGE)
    return root


def test_names_are_counted_as_published_and_a_per_queue_dimension_multiplies_the_worker(
    tmp_path: Path,
) -> None:
    per_queue = census(tree(tmp_path / "a", 'metrics.add_dimension(name="Queue", value=q)'))
    merged = census(tree(tmp_path / "b", 'metrics.add_metadata(key="Queue", value=q)'))
    assert per_queue.handler_names == 2 + 3 + OUTCOMES + 1 and per_queue.consumers == 3
    assert per_queue.gauges == 2  # a log field (`log_counts`) is no metric
    assert per_queue.total(tables=1) == (2 + 3 + OUTCOMES + 1) + 2 * 3 + 2
    assert merged.total(tables=1) == per_queue.total(tables=1) - 2 * 2
    functions = tmp_path / "a" / "functions"
    assert published_names(functions / "charge" / "charge.py") == ["Paid", "Declined", "Skipped"]
    assert published_names(functions / "webhook" / "webhook.py") == ["Webhook{}"] * OUTCOMES


def read_by_template(resources: dict[str, Any]) -> set[str]:
    """The `Helpdesk` metric names the template's alarms read (metric math included) or a dashboard shows."""
    read, dashboards = set(), ""
    for resource in resources.values():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::CloudWatch::Alarm":
            maths = props.get("Metrics", [])
            stats = [props] + [q["MetricStat"]["Metric"] for q in maths if "MetricStat" in q]
            read |= {s["MetricName"] for s in stats if s.get("Namespace") == "Helpdesk"}
        if resource["Type"] == "AWS::CloudWatch::Dashboard":
            dashboards += json.dumps(props.get("DashboardBody"))
    return read | set(re.findall(r"\w+", dashboards))


def test_a_handler_publishes_a_metric_only_where_an_alarm_reads_it() -> None:
    """Business counts no alarm read were 55 of the 65 metrics billed (docs/cost.md): they are log fields."""
    read = read_by_template(template()["Resources"])
    published = {p.parent.name: set(published_names(p)) for p in handlers(ROOT)}
    unread = {name: sorted(names - read) for name, names in published.items() if names - read}
    assert unread == {}
    assert published["rates_fetch"] == {"ExchangeRateAgeECB", "ExchangeRateAgeCBR"} <= read


def test_the_queue_worker_publishes_what_the_operations_guide_describes_once_for_all_queues() -> None:
    found = census(ROOT)
    assert found.consumers >= 10 and not found.per_queue
    guide = (ROOT / "docs" / "operations.md").read_text()
    worker = published_names(ROOT / "layers" / "core" / "helpdesk" / "workers.py")
    assert len(worker) == found.worker_names == 4 and all(f"`{name}`" in guide for name in worker)
