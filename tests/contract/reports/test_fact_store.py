"""One contract for the report fact store: the in-memory fake, and DynamoDB under moto."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from helpdesk.reports.adapters.dynamo_facts import DynamoFactStore
from helpdesk.reports.model.facts import Fact, ReportKind
from helpdesk.reports.ports import FactStore
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, dynamodb_client, serialised_moto
from tests.fakes.reports.memory_facts import MemoryFactStore

pytestmark = pytest.mark.contract
S = ReportKind.SUPPORT


@pytest.fixture(params=["memory", "dynamodb"])
def store(request: pytest.FixtureRequest) -> Iterator[FactStore]:
    if request.param == "memory":
        yield MemoryFactStore()
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        yield DynamoFactStore(dynamodb_client(), "helpdesk")


def fact(source: str, day: date | None, **values: int) -> Fact:
    return Fact(S, source, day, {"agent": "anna@x", "mailbox": "Поддержка"}, values)


def test_a_fact_put_twice_is_one_fact_and_reads_back_whole(store: FactStore) -> None:
    one = fact("ticket-in#t1", date(2026, 11, 3), **{"in": 1})
    store.put([one])
    store.put([one])
    assert store.facts(S, ["2026-11"]) == [one]
    assert store.facts(S, ["2026-10", "standing"]) == [] and store.facts(ReportKind.WORK, ["2026-11"]) == []


def test_a_fact_that_changes_month_is_found_only_in_the_new_one(store: FactStore) -> None:
    store.put([fact("ticket-solved#t1", date(2026, 10, 31), solved=1)])
    moved = fact("ticket-solved#t1", date(2026, 11, 1), solved=1)
    store.put([moved])
    assert store.facts(S, ["2026-10"]) == [] and store.facts(S, ["2026-11"]) == [moved]


def test_the_earliest_value_wins_in_any_order(store: FactStore) -> None:
    late, early = (
        fact("first-reply#t1", date(2026, 11, 3), replied=200),
        fact("first-reply#t1", date(2026, 11, 2), replied=100),
    )
    store.put_earliest(late, "replied")
    store.put_earliest(early, "replied")
    store.put_earliest(late, "replied")
    assert store.facts(S, ["2026-11"]) == [early]


def test_deleting_removes_only_the_named_sources(store: FactStore) -> None:
    kept, gone = fact("ticket-open#t1", None, opened=5), fact("ticket-open#t2", None, opened=6)
    store.put([kept, gone])
    store.delete(["ticket-open#t2", "ticket-open#never"])
    assert store.facts(S, ["standing"]) == [kept]
