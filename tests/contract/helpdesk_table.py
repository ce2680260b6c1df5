"""The single `helpdesk` table, built from template.yaml's definition, and moto made atomic per request."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from moto.core.botocore_stubber import BotocoreStubber

from tests.support.template_stack import template


@cache
def dynamodb_client() -> Any:
    """One client for all tests: moto intercepts it inside each test's own mock_aws()."""
    import boto3

    return boto3.client("dynamodb", region_name="eu-central-1")


def create_helpdesk_table(dynamodb: Any | None = None, name: str = "helpdesk") -> None:
    """Create the table exactly as template.yaml declares HelpdeskTable (keys, indexes, TTL)."""
    dynamodb = dynamodb or dynamodb_client()
    props = template()["Resources"]["HelpdeskTable"]["Properties"]
    dynamodb.create_table(
        TableName=name,
        BillingMode=props["BillingMode"],
        AttributeDefinitions=props["AttributeDefinitions"],
        KeySchema=props["KeySchema"],
        GlobalSecondaryIndexes=props["GlobalSecondaryIndexes"],
    )
    dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=props["TimeToLiveSpecification"])


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
