"""The integrations store's contract, run against the in-memory fake and the DynamoDB adapter under moto."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from helpdesk.integrations.adapters.dynamo_store import DynamoIntegrationStore
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings, Health
from helpdesk.integrations.model.crm import CrmDeal, CrmProfile
from moto import mock_aws

from tests.fakes.integrations.memory import MemoryIntegrationStore
from tests.support.tables import create_helpdesk_table

pytestmark = pytest.mark.contract
REGION = "eu-central-1"
PD = Connector.PIPEDRIVE
AT = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamo"])
def store(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "memory":
        yield MemoryIntegrationStore()
        return
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        yield DynamoIntegrationStore(boto3.client("dynamodb", region_name=REGION), "helpdesk")


def test_settings_and_health_default_then_round_trip(store) -> None:
    assert store.settings(PD) == ConnectorSettings(PD) and store.health(PD) == Health(PD)
    settings = ConnectorSettings(
        PD, True, "https://a.pipedrive.com/api/v2", (("pipeline", "2"),), "s/pd", True, AT, "ada"
    )
    store.save_settings(settings)
    store.save_health(Health(PD).succeeded(AT).failed(AT, "x" * 500).rate_limited())
    assert store.settings(PD) == settings
    health = store.health(PD)
    assert (health.last_success_at, health.delayed, len(health.last_error)) == (AT, 1, 300)
    assert store.settings(Connector.BITRIX24) == ConnectorSettings(Connector.BITRIX24)


def test_links_profiles_and_their_indexes(store) -> None:
    deal = CrmDeal("55", "Upgrade", "open", "900", "EUR")
    store.link_order_deal(PD, "o-1", "77")
    store.link_ticket_deal(PD, "t-1", deal)
    profile = CrmProfile("pipedrive", "c-1", "12", "3", "Ann", ("+49 1",), (deal,), AT)
    store.save_profile(profile)
    assert store.order_deal(PD, "o-1") == "77" and store.order_deal(PD, "o-2") is None
    assert store.ticket_deal(PD, "t-1") == deal and store.ticket_deal(Connector.BITRIX24, "t-1") is None
    assert store.profile(PD, "c-1") == profile
    assert store.customer_for_person(PD, "12") == "c-1" and store.customer_for_deal(PD, "55") == "c-1"
    assert store.customer_for_person(PD, "13") is None


def test_claims_are_once_until_released(store) -> None:
    assert store.claim("pipedrive-delivery#1") and not store.claim("pipedrive-delivery#1")
    store.release("pipedrive-delivery#1")
    assert store.claim("pipedrive-delivery#1")


def test_pull_cursors_start_empty_and_are_kept_per_connector(store) -> None:
    assert store.cursor(Connector.OMNIDESK, "cases") == ""
    store.save_cursor(Connector.OMNIDESK, "cases", "Mon, 07 Dec 2026 10:00:00 +0000")
    assert store.cursor(Connector.OMNIDESK, "cases") == "Mon, 07 Dec 2026 10:00:00 +0000"
    assert store.cursor(Connector.PIPEDRIVE, "cases") == ""
