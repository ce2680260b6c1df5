"""Every ticket store contract runs twice: against the in-memory fakes and the real adapters under moto."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from helpdesk.tickets.adapters.stores import dynamo_ticket_stores
from helpdesk.tickets.ports import TicketStores
from moto import mock_aws

from tests.support.tables import create_helpdesk_table
from tests.support.tickets import memory_stores

REGION = "eu-central-1"
BUCKET = "helpdesk-attachments"


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield


@pytest.fixture(params=["memory", "dynamo"])
def stores(request: pytest.FixtureRequest) -> TicketStores:
    if request.param == "memory":
        return memory_stores()
    request.getfixturevalue("aws")
    return dynamo_ticket_stores("helpdesk", REGION, None, boto3.client("s3", region_name=REGION), BUCKET)
