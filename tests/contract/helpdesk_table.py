"""The single `helpdesk` table as the licensing tests need it (pk/sk, gsi1..3, TTL on expires_at)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moto.core.botocore_stubber import BotocoreStubber


def create_helpdesk_table(dynamodb: Any, name: str = "helpdesk") -> None:
    keys = ["pk", "sk"] + [f"gsi{n}{part}" for n in (1, 2, 3) for part in ("pk", "sk")]
    dynamodb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k in keys],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[
            {
                "IndexName": f"gsi{n}",
                "KeySchema": [
                    {"AttributeName": f"gsi{n}pk", "KeyType": "HASH"},
                    {"AttributeName": f"gsi{n}sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
            for n in (1, 2, 3)
        ],
    )
    dynamodb.update_time_to_live(
        TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"}
    )


@contextmanager
def serialised_moto() -> Iterator[None]:
    """Make moto handle one request at a time, as DynamoDB evaluates conditional writes atomically.

    In-process moto checks a condition and writes in separate Python steps, so threads can interleave
    between them (and even break its deep copies); real DynamoDB cannot. Clients still run in parallel.
    """
    lock = threading.Lock()
    original = BotocoreStubber.process_request

    def process_request(self: BotocoreStubber, request: Any) -> Any:
        with lock:
            return original(self, request)

    BotocoreStubber.process_request = process_request  # type: ignore[method-assign]
    try:
        yield
    finally:
        BotocoreStubber.process_request = original  # type: ignore[method-assign]
