"""Every tasks store contract runs twice: against the in-memory fakes and the DynamoDB adapters under moto."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from helpdesk.kernel.adapters.dynamo_table import item_model
from helpdesk.tasks.adapters.dynamo_projects import DynamoProjects
from helpdesk.tasks.adapters.dynamo_tasks import DynamoTasks
from moto import mock_aws

from tests.fakes.tasks.memory_tasks import MemoryProjects, MemoryTasks
from tests.support.tables import create_helpdesk_table

REGION = "eu-central-1"


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        yield


@pytest.fixture(params=["memory", "dynamo"])
def stores(request: pytest.FixtureRequest) -> tuple[Any, Any]:
    if request.param == "memory":
        return MemoryProjects(), MemoryTasks()
    request.getfixturevalue("aws")
    model = item_model("helpdesk", REGION, None)
    return DynamoProjects(model), DynamoTasks(model)
