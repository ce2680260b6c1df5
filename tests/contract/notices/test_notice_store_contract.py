"""One contract for NoticeStore: DynamoDB (the template's own table, in moto) and the in-memory fake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from helpdesk.notices.adapters.dynamo_notices import DynamoNoticeStore
from helpdesk.notices.model import Notice
from moto import mock_aws

from tests.fakes.notices.memory_notices import InMemoryNoticeStore
from tests.support.template_stack import provision

pytestmark = pytest.mark.contract
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["dynamodb", "memory"])
def store(request: pytest.FixtureRequest) -> Iterator[object]:
    if request.param == "memory":
        yield InMemoryNoticeStore()
        return
    with mock_aws():
        stack = provision(apply_env=False)
        yield DynamoNoticeStore(
            boto3.client("dynamodb", region_name="eu-central-1"), stack.ref("HelpdeskTable")
        )


def notice(n: int, recipient: str = "a@acme.example") -> Notice:
    return Notice(
        f"notice-{n:04d}", "customer", recipient, f"subject {n}", "text", None, T0 + timedelta(minutes=n)
    )


def test_latest_is_newest_first_and_limited(store) -> None:  # type: ignore[no-untyped-def]
    for n in (1, 3, 2):
        assert store.add(notice(n))
    assert [x.notice_id for x in store.latest("a@acme.example", 2)] == ["notice-0003", "notice-0002"]


def test_the_same_notice_twice_is_stored_once(store) -> None:  # type: ignore[no-untyped-def]
    assert store.add(notice(1)) is True
    assert store.add(notice(1)) is False
    assert len(store.latest("a@acme.example", 10)) == 1


def test_recipients_do_not_see_each_others_notices(store) -> None:  # type: ignore[no-untyped-def]
    store.add(notice(1, "a@acme.example"))
    store.add(notice(2, "b@globex.example"))
    assert [x.notice_id for x in store.latest("b@globex.example", 10)] == ["notice-0002"]
    assert store.latest("c@nowhere.example", 10) == []
