"""One contract for PageLog: the single-table adapter under moto and the in-memory fake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from helpdesk.operations.adapters.page_log import DynamoPageLog
from helpdesk.operations.model.escalation import OnCallPerson, Page
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, dynamodb_client
from tests.fakes.operations.page_log import InMemoryPageLog

pytestmark = pytest.mark.contract
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


@pytest.fixture(params=["dynamodb", "memory"])
def log(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "memory":
        yield InMemoryPageLog()
        return
    with mock_aws():
        create_helpdesk_table()
        yield DynamoPageLog(dynamodb_client(), "helpdesk")


def page(execution: str, step: int, changed_at: str, minutes: int = 0) -> Page:
    at = NOW + timedelta(minutes=minutes)
    return Page(
        execution=execution,
        step=step,
        alarm=f"alarm-of-{execution}",
        alarm_changed_at=changed_at,
        person=OnCallPerson(f"Person {step}", f"p{step}@oncall.example", "+491701111111"),
        paged_at=at,
        answer_by=at + timedelta(minutes=5),
        task_token=f"token-{execution}-{step}",
    )


def test_an_empty_log_has_no_pages(log: Any) -> None:
    assert log.recent(10) == []


def test_newest_escalation_first_and_its_steps_in_order(log: Any) -> None:
    older = [page("a", 0, "2026-11-25T19:00:00.000+0000"), page("a", 1, "2026-11-25T19:00:00.000+0000", 5)]
    newer = [page("b", s, "2026-11-25T19:30:00.000+0000", 10 + s) for s in range(3)]
    for p in [*older, *newer]:
        log.record(p)
    assert [(p.execution, p.step) for p in log.recent(10)] == [
        ("b", 0),
        ("b", 1),
        ("b", 2),
        ("a", 0),
        ("a", 1),
    ]
    assert log.recent(10)[0] == newer[0]
    assert {p.execution for p in log.recent(3)} == {"b"}


def test_recording_the_same_page_again_keeps_the_first(log: Any) -> None:
    first = page("a", 0, "2026-11-25T19:00:00.000+0000")
    log.record(first)
    log.record(page("a", 0, "2026-11-25T19:00:00.000+0000", minutes=7))
    assert log.recent(10) == [first]


def test_an_acknowledgement_is_kept(log: Any) -> None:
    waiting = page("a", 0, "2026-11-25T19:00:00.000+0000")
    log.record(waiting)
    log.save_acknowledged(waiting.acknowledge("pat@oncall.example", NOW + timedelta(minutes=2)))
    [kept] = log.recent(10)
    assert (kept.acknowledged_by, kept.acknowledged_at) == ("pat@oncall.example", NOW + timedelta(minutes=2))
    assert kept.state(NOW) == "acknowledged"
