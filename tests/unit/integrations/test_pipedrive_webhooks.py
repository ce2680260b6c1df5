"""Recorded Pipedrive webhook v2 bodies (events/pipedrive): basic auth checked, applied once, mapped onto
the customer's record and CRM profile."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.model.crm import CrmDeal, CrmProfile
from helpdesk.integrations.services.crm_changes import CrmChanges
from helpdesk.integrations.services.pipedrive_webhooks import PipedriveWebhooks
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Unauthorized

from tests.fakes.integrations.memory import FakeSources, MemoryCredentials, MemoryIntegrationStore
from tests.support.lambdas import events_dir

pytestmark = pytest.mark.unit
PD = Connector.PIPEDRIVE
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
GOOD = "Basic " + base64.b64encode(b"pd-hook:hook-pass").decode()


def recorded(name: str) -> dict[str, Any]:
    return json.loads((events_dir() / "pipedrive" / f"{name}.json").read_text())


@pytest.fixture
def hooks() -> tuple[PipedriveWebhooks, MemoryIntegrationStore, FakeSources]:
    store, creds, sources = MemoryIntegrationStore(), MemoryCredentials(), FakeSources()
    creds.write("s/pd", {"api_token": "t", "webhook_user": "pd-hook", "webhook_password": "hook-pass"})
    store.save_settings(ConnectorSettings(PD, True, "https://x", secret_name="s/pd", has_credentials=True))
    sources.customers["anna@acme.example"] = "c-anna"
    return PipedriveWebhooks(store, creds, CrmChanges(store, sources, FixedClock(NOW))), store, sources


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer x", "Basic !!!", "Basic " + base64.b64encode(b"pd-hook:wrong").decode()],
)
def test_wrong_or_missing_basic_auth_is_refused_and_changes_nothing(hooks, header) -> None:
    receive, store, sources = hooks
    with pytest.raises(Unauthorized):
        receive.receive(header, recorded("person_changed"))
    assert sources.names == {} and store.profile(PD, "c-anna") is None


def test_an_unconfigured_connector_refuses_like_wrong_credentials(hooks) -> None:
    receive, store, _ = hooks
    store.save_settings(ConnectorSettings(PD))
    with pytest.raises(Unauthorized):
        receive.receive(GOOD, recorded("person_changed"))


def test_person_changed_renames_the_customer_and_keeps_the_phone_once(hooks) -> None:
    receive, store, sources = hooks
    assert receive.receive(GOOD, recorded("person_changed")) is True
    assert sources.names == {"c-anna": "Anna Petrova"}
    profile = store.profile(PD, "c-anna")
    assert (profile.person_id, profile.phones) == ("1201", ("+49 30 1234567",))
    assert receive.receive(GOOD, recorded("person_changed")) is False  # the same meta.id: a replay


def test_deal_changed_updates_the_deal_on_the_customers_profile(hooks) -> None:
    receive, store, _ = hooks
    open_deal = CrmDeal("5501", "Support plan renewal", "open", "1200", "EUR")
    store.save_profile(CrmProfile("pipedrive", "c-anna", person_id="1201", deals=(open_deal,)))
    assert receive.receive(GOOD, recorded("deal_changed")) is True
    (deal,) = store.profile(PD, "c-anna").deals
    assert (deal.deal_id, deal.status, deal.value) == ("5501", "won", "1200")


def test_a_deal_of_nobody_we_know_is_ignored(hooks) -> None:
    receive, store, _ = hooks
    assert receive.receive(GOOD, recorded("deal_changed")) is False
    assert store.profile(PD, "c-anna") is None
