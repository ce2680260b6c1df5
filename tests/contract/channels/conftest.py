"""Every channel store contract runs twice: against the in-memory fakes and the real adapters under moto."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from helpdesk.channels.adapters.dynamo_chats import DynamoChats
from helpdesk.channels.adapters.dynamo_forms import DynamoForms, DynamoHeldSubmissions
from helpdesk.channels.adapters.dynamo_links import DynamoChannelLinks
from helpdesk.kernel.adapters.dynamo_table import item_model
from moto import mock_aws

from tests.fakes.channels.memory_channels import MemoryChats, MemoryForms, MemoryHeld, MemoryLinks
from tests.support.tables import create_helpdesk_table

REGION = "eu-central-1"


@dataclass
class Stores:
    forms: Any
    held: Any
    links: Any
    chats: Any


@pytest.fixture(params=["memory", "dynamo"])
def channel_stores(request: pytest.FixtureRequest) -> Iterator[Stores]:
    if request.param == "memory":
        yield Stores(MemoryForms(), MemoryHeld(), MemoryLinks(), MemoryChats())
        return
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        model = item_model("helpdesk", REGION)
        yield Stores(
            DynamoForms(model), DynamoHeldSubmissions(model), DynamoChannelLinks(model), DynamoChats(model)
        )
