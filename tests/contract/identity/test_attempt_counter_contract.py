"""One contract for attempt counters: the DynamoDB adapter (under moto) and the in-memory fake."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from helpdesk.identity.adapters.attempts_dynamodb import DynamoAttemptCounter
from helpdesk.identity.ports import AttemptCounter
from helpdesk.identity.services.rate_limits import Limit, RateLimiter
from helpdesk.kernel.errors import RateLimited
from helpdesk_local.auth.attempts_memory import MemoryAttemptCounter
from moto import mock_aws

pytestmark = pytest.mark.contract

TABLE = "helpdesk"


def create_table(client: Any) -> None:
    client.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    client.update_time_to_live(
        TableName=TABLE, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"}
    )


@pytest.fixture(params=["dynamodb", "memory"])
def counter(request: pytest.FixtureRequest) -> Iterator[AttemptCounter]:
    if request.param == "memory":
        yield MemoryAttemptCounter(now=lambda: 0.0)
        return
    with mock_aws():
        client = boto3.client("dynamodb", region_name="eu-central-1")
        create_table(client)
        yield DynamoAttemptCounter(client, TABLE)


def test_counts_attempts_per_key_and_window(counter: AttemptCounter) -> None:
    assert [counter.increment("a", 100, 400) for _ in range(3)] == [1, 2, 3]
    assert counter.increment("b", 100, 400) == 1
    assert counter.increment("a", 400, 700) == 1
    assert counter.increment("a", 100, 400) == 4


def test_current_reads_the_count_without_counting(counter: AttemptCounter) -> None:
    assert counter.current("a", 100) == 0
    counter.increment("a", 100, 400)
    counter.increment("a", 100, 400)
    assert counter.current("a", 100) == counter.current("a", 100) == 2
    assert counter.current("a", 400) == 0 and counter.current("b", 100) == 0


def test_only_recorded_failures_count_towards_a_failure_limit(counter: AttemptCounter) -> None:
    limiter = RateLimiter(counter, {"sign_in": Limit(3, 300)}, now=lambda: 600.0)
    for _ in range(10):
        limiter.ensure_allowed("sign_in", "ann@example.com")  # successes: nothing recorded
    for _ in range(3):
        limiter.ensure_allowed("sign_in", "ann@example.com")
        limiter.record_failure("sign_in", "ann@example.com")
    with pytest.raises(RateLimited) as refused:
        limiter.ensure_allowed("sign_in", "ANN@example.com")
    limiter.ensure_allowed("sign_in", "bob@example.com")
    wait = refused.value.retry_after
    assert 300 <= wait < 600  # the sliding window still weighs the failures after their own window ends
    late = RateLimiter(counter, {"sign_in": Limit(3, 300)}, now=lambda: 600.0 + wait - 1)
    with pytest.raises(RateLimited):
        late.ensure_allowed("sign_in", "ann@example.com")
    RateLimiter(counter, {"sign_in": Limit(3, 300)}, now=lambda: 600.0 + wait).ensure_allowed(
        "sign_in", "ann@example.com"
    )


def test_memory_counter_counts_concurrent_attempts_once_each() -> None:
    # Only the fake: moto's DynamoDB does not serialise concurrent updates; the real table's ADD is atomic.
    counter = MemoryAttemptCounter(now=lambda: 0.0)
    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(lambda _: counter.increment("k", 0, 10_000), range(40)))
    assert sorted(counts) == list(range(1, 41))


def test_limiter_refuses_over_the_limit_with_retry_after(counter: AttemptCounter) -> None:
    clock = [1_000_000.0]
    limiter = RateLimiter(counter, {"sign_in": Limit(3, 300)}, now=lambda: clock[0])
    for _ in range(3):
        limiter.check("sign_in", "Ann@Example.com")
    with pytest.raises(RateLimited) as refused:
        limiter.check("sign_in", " ann@example.com ")
    window_end = 1_000_000 - 1_000_000 % 300 + 300
    assert refused.value.retry_after > window_end - 1_000_000
    limiter.check("sign_in", "bob@example.com")
    clock[0] += refused.value.retry_after
    limiter.check("sign_in", "ann@example.com")


@pytest.mark.parametrize("limiter_call", ["check", "failures"])
def test_a_burst_straddling_a_window_boundary_gets_the_limit_once(
    counter: AttemptCounter, limiter_call: str
) -> None:
    clock = [0.0]
    limiter = RateLimiter(counter, {"sign_in": Limit(5, 60)}, now=lambda: clock[0])

    def attempt() -> bool:
        try:
            if limiter_call == "check":
                limiter.check("sign_in", "ann@example.com")
            else:
                limiter.ensure_allowed("sign_in", "ann@example.com")
                limiter.record_failure("sign_in", "ann@example.com")
        except RateLimited:
            return False
        return True

    boundary = 60 * 1_000
    let_through = []
    for at in (boundary - 1, boundary):  # the last second of one window, the first of the next
        clock[0] = at
        let_through += [attempt() for _ in range(10)]
    assert let_through.count(True) == 5
    clock[0] = boundary + 119  # refused checks count too: room once their window has slid by
    assert attempt()


def test_one_address_trying_many_accounts_is_limited_too(counter: AttemptCounter) -> None:
    limiter = RateLimiter(counter, {"sign_up": Limit(2, 60)}, now=lambda: 120.0)
    for n in range(10):
        limiter.check("sign_up", f"user{n}@example.com", client_address="10.0.0.1")
    with pytest.raises(RateLimited):
        limiter.check("sign_up", "user99@example.com", client_address="10.0.0.1")
    limiter.check("sign_up", "user99@example.com", client_address="10.0.0.2")


def test_dynamodb_items_carry_the_ttl_attribute_and_no_plain_identifier() -> None:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="eu-central-1")
        create_table(client)
        RateLimiter(DynamoAttemptCounter(client, TABLE), now=lambda: 1000.0).check(
            "sign_in", "ann@example.com"
        )
        items = client.scan(TableName=TABLE)["Items"]
    assert len(items) == 1
    assert items[0]["pk"]["S"].startswith("RATELIMIT#sign_in#")
    assert "ann" not in str(items[0])
    assert int(items[0]["expires_at"]["N"]) > 1000


def test_address_limit_can_be_turned_off_for_shared_addresses(counter: AttemptCounter) -> None:
    limiter = RateLimiter(counter, {"sign_up": Limit(2, 60)}, now=lambda: 120.0, per_address_factor=0)
    for n in range(20):
        limiter.check("sign_up", f"user{n}@example.com", client_address="127.0.0.1")
