"""Every tasks store contract runs twice: against the in-memory fakes and the DynamoDB adapters under moto."""

from __future__ import annotations

import threading
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
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with mock_aws():
        atomic_writes(monkeypatch)
        create_helpdesk_table("helpdesk", REGION)
        yield


def atomic_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """DynamoDB applies each write atomically; in-process moto reads, checks and writes in Python steps, so
    the counter's concurrent ADDs could interleave and repeat a number. The local stack locks moto's writes
    the same way (helpdesk_local/emulator_speedups.py)."""
    from helpdesk_local.emulator_speedups import one_at_a_time
    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.RLock()
    for name in ("put_item", "update_item", "delete_item", "transact_write_items"):
        monkeypatch.setattr(DynamoDBBackend, name, one_at_a_time(getattr(DynamoDBBackend, name), lock))


@pytest.fixture(params=["memory", "dynamo"])
def stores(request: pytest.FixtureRequest) -> tuple[Any, Any]:
    if request.param == "memory":
        return MemoryProjects(), MemoryTasks()
    request.getfixturevalue("aws")
    model = item_model("helpdesk", REGION, None)
    return DynamoProjects(model), DynamoTasks(model)
