"""Every access store contract runs twice: against the in-memory fakes and DynamoDB under moto."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from helpdesk.access.adapters.dynamo_access import DynamoAudit, DynamoRequests, DynamoServers
from helpdesk.kernel.adapters.dynamo_table import item_model
from moto import mock_aws

from tests.fakes.access.stores import MemoryAudit, MemoryRequests, MemoryServers
from tests.support.tables import create_helpdesk_table

REGION = "eu-central-1"


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        yield


@pytest.fixture(params=["memory", "dynamo"])
def stores(request: pytest.FixtureRequest) -> tuple[Any, Any, Any]:
    if request.param == "memory":
        return MemoryServers(), MemoryRequests(), MemoryAudit()
    request.getfixturevalue("aws")
    model = item_model("helpdesk", REGION, None)
    return DynamoServers(model), DynamoRequests(model), DynamoAudit(model)
