"""The webhooks stores' contract, run against the in-memory fakes and the DynamoDB adapters under moto."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from helpdesk.webhooks.adapters.dynamo_webhooks import DynamoDeliveries, DynamoSubscriptions
from helpdesk.webhooks.model.delivery import Attempt, Delivery
from helpdesk.webhooks.model.signing import new_secret
from helpdesk.webhooks.model.subscription import SigningSecret, Subscription
from moto import mock_aws

from tests.fakes.webhooks.memory_webhooks import MemoryDeliveries, MemorySubscriptions
from tests.support.tables import create_helpdesk_table

pytestmark = pytest.mark.contract
REGION = "eu-central-1"
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        yield


@pytest.fixture(params=["memory", "dynamo"])
def stores(request: pytest.FixtureRequest) -> tuple[Any, Any]:
    if request.param == "memory":
        return MemorySubscriptions(), MemoryDeliveries()
    request.getfixturevalue("aws")
    client = boto3.client("dynamodb", region_name=REGION)
    return DynamoSubscriptions(client, "helpdesk"), DynamoDeliveries(client, "helpdesk")


SECRETS = (SigningSecret(new_secret()), SigningSecret(new_secret(), NOW + timedelta(hours=1)))


def sub(n: int) -> Subscription:
    secrets = SECRETS
    return Subscription(
        f"wh_{n}",
        f"https://h{n}.example/",
        ("ticket.created",),
        NOW + timedelta(seconds=n),
        secrets,
        "d",
        {"mailbox": "support"},
    )


def test_subscriptions_round_trip_and_health_writes_leave_the_configuration_alone(
    stores: tuple[Any, Any],
) -> None:
    subs, _ = stores
    subs.save(sub(1))
    subs.save(sub(2))
    assert subs.get("wh_1") == sub(1) and {s.id for s in subs.all()} == {"wh_1", "wh_2"}
    subs.save(replace(sub(1), url="https://moved.example/"))  # an admin's edit
    subs.save_health(
        replace(sub(1), enabled=False, failing_since=NOW, disabled_reason="failing")
    )  # stale copy
    stored = subs.get("wh_1")
    assert stored.url == "https://moved.example/" and not stored.enabled and stored.failing_since == NOW
    subs.delete("wh_1")
    subs.save_health(sub(1))  # a worker's late write does not bring it back
    assert subs.get("wh_1") is None and [s.id for s in subs.all()] == ["wh_2"]


def test_deliveries_are_stored_once_and_listed_newest_first_since_a_time(stores: tuple[Any, Any]) -> None:
    _, deliveries = stores
    made = [
        Delivery(f"dlv_{n}", "wh_1", f"msg_{n}", "ticket.created", "{}", NOW + timedelta(minutes=n))
        for n in range(3)
    ]
    assert all(deliveries.add_new(d) for d in made)
    assert not deliveries.add_new(replace(made[0], body="changed"))
    assert deliveries.get("dlv_0") == made[0]
    tried = replace(made[1], attempts=(Attempt(NOW, 500, 12, "oops"),), next_attempt_at=NOW)
    deliveries.save(tried)
    assert deliveries.get("dlv_1") == tried
    assert [d.id for d in deliveries.for_subscription("wh_1", None, 10)] == ["dlv_2", "dlv_1", "dlv_0"]
    assert [d.id for d in deliveries.for_subscription("wh_1", NOW + timedelta(minutes=1), 10)] == [
        "dlv_2",
        "dlv_1",
    ]
    assert [d.id for d in deliveries.for_subscription("wh_1", None, 2)] == ["dlv_2", "dlv_1"]
    assert deliveries.for_subscription("wh_9", None, 10) == [] and deliveries.get("dlv_9") is None
