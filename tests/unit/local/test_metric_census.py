"""The cost model's count of custom metrics comes from the code: names as the handlers publish them, the queue
worker's metrics once per consumer only while it adds a per-queue dimension."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpdesk_local.metric_census import OUTCOMES, census

from tests.support.template_stack import ROOT

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
    "sweep": 'metrics.add_metric(name="Closed", unit="Count", value=n)\n',
}
SWEEP = "class Report:\n    def per_policy(self):\n        names = {'first': 'A', 'resolution': 'B'}\n"
STORAGE = 'g = [Gauge("TableSizeBytes", 1.0, "Bytes", ()), Gauge("TableItemCount", 1.0, "Count", ())]\n'


def tree(root: Path, dimension: str) -> Path:
    for name, text in HANDLERS.items():
        (root / "functions" / name).mkdir(parents=True)
        (root / "functions" / name / f"{name}.py").write_text(text)
    package = root / "layers" / "core" / "helpdesk"
    for folder in ("sla/services", "operations/services"):
        (package / folder).mkdir(parents=True)
    (package / "workers.py").write_text(WORKER.format(dimension=dimension))
    (package / "sla" / "services" / "sweep.py").write_text(SWEEP)
    (package / "operations" / "services" / "storage_report.py").write_text(STORAGE)
    return root


def test_names_are_counted_as_published_and_a_per_queue_dimension_multiplies_the_worker(
    tmp_path: Path,
) -> None:
    per_queue = census(tree(tmp_path / "a", 'metrics.add_dimension(name="Queue", value=q)'))
    merged = census(tree(tmp_path / "b", 'metrics.add_metadata(key="Queue", value=q)'))
    assert per_queue.handler_names == 2 + 3 + OUTCOMES + 1 and per_queue.consumers == 3
    assert per_queue.per_policy_names == 2 and per_queue.gauges == 2
    assert per_queue.total(policies=2, tables=1) == (2 + 3 + OUTCOMES + 1) + 2 * 3 + 2 * 2 + 2
    assert merged.total(policies=2, tables=1) == per_queue.total(policies=2, tables=1) - 2 * 2


def test_the_product_publishes_its_queue_metrics_once_for_all_queues() -> None:
    found = census(ROOT)
    assert found.consumers >= 10 and found.worker_names == 4 and not found.per_queue
    assert found.handler_names >= 40  # every handler's names are found
