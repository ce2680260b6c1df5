"""The storage report publishes what the database says of its tables, leaving out sizes not yet measured."""

from __future__ import annotations

import pytest
from helpdesk.kernel.errors import NotFound
from helpdesk.operations.model.queues import TableStats
from helpdesk.operations.services.storage_report import report_storage

from tests.fakes.operations.memory_storage import InMemoryMetricSink, InMemoryTableStats

pytestmark = pytest.mark.unit
DIMS = {"service": "helpdesk", "TableName": "helpdesk-t"}


def test_size_and_item_count_are_published_with_the_alarm_dimensions() -> None:
    source, sink = InMemoryTableStats(), InMemoryMetricSink()
    source.put(TableStats("helpdesk-t", 123_456, 789))
    report = report_storage(source, sink, ["helpdesk-t"])
    assert sink.latest("Helpdesk", "TableSizeBytes", DIMS) == 123_456
    assert sink.latest("Helpdesk", "TableItemCount", DIMS) == 789
    assert [t.size_bytes for t in report.tables] == [123_456]


def test_a_size_not_yet_measured_is_left_out_rather_than_reported_as_zero() -> None:
    source, sink = InMemoryTableStats(), InMemoryMetricSink()
    source.put(TableStats("helpdesk-t", 0, 50))  # DynamoDB's six-hourly refresh has not run yet
    report = report_storage(source, sink, ["helpdesk-t"])
    assert sink.latest("Helpdesk", "TableSizeBytes", DIMS) is None
    assert sink.latest("Helpdesk", "TableItemCount", DIMS) == 50
    assert [g.name for g in report.published] == ["TableItemCount"]


def test_an_empty_table_is_zero_bytes() -> None:
    source, sink = InMemoryTableStats(), InMemoryMetricSink()
    source.put(TableStats("helpdesk-t", 0, 0))
    report_storage(source, sink, ["helpdesk-t"])
    assert sink.latest("Helpdesk", "TableSizeBytes", DIMS) == 0


def test_an_unknown_table_is_not_found() -> None:
    with pytest.raises(NotFound):
        report_storage(InMemoryTableStats(), InMemoryMetricSink(), ["missing"])
