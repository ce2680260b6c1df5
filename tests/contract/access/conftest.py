"""Every access store contract runs twice: against the in-memory fakes and DynamoDB under moto."""

from __future__ import annotations

from typing import Any

import pytest
from helpdesk.access.adapters.dynamo_access import DynamoAudit, DynamoRequests, DynamoServers
from helpdesk.kernel.adapters.dynamo_table import item_model

from tests.contract.tasks.conftest import REGION, aws  # noqa: F401 - the table under moto
from tests.fakes.access.stores import MemoryAudit, MemoryRequests, MemoryServers


@pytest.fixture(params=["memory", "dynamo"])
def stores(request: pytest.FixtureRequest) -> tuple[Any, Any, Any]:
    if request.param == "memory":
        return MemoryServers(), MemoryRequests(), MemoryAudit()
    request.getfixturevalue("aws")
    model = item_model("helpdesk", REGION, None)
    return DynamoServers(model), DynamoRequests(model), DynamoAudit(model)
