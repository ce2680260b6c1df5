"""Bitrix24's recorded ONCRMDEALUPDATE (events/bitrix24): application_token checked, the deal read through
the queue and applied to the customer's profile once."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qsl

import pytest
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.model.crm import CrmParty, CrmProfile
from helpdesk.integrations.services.bitrix24_events import Bitrix24Events
from helpdesk.integrations.services.crm_changes import CrmChanges
from helpdesk.integrations.services.crm_sync import CrmSync
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Unauthorized

from tests.fakes.integrations.memory import (
    FakeCrm,
    FakeSources,
    MemoryCredentials,
    MemoryIntegrationStore,
    OneCrm,
    RecordedQueue,
)
from tests.support.lambdas import events_dir

pytestmark = pytest.mark.unit
B24 = Connector.BITRIX24
CLOCK = FixedClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))


def recorded() -> dict[str, str]:
    return dict(parse_qsl((events_dir() / "bitrix24" / "ONCRMDEALUPDATE.form").read_text().strip()))


@pytest.fixture
def world() -> tuple[Bitrix24Events, CrmSync, MemoryIntegrationStore, RecordedQueue, FakeCrm]:
    store, creds, queue, crm, sources = (
        MemoryIntegrationStore(), MemoryCredentials(), RecordedQueue(), FakeCrm(), FakeSources(),
    )  # fmt: skip
    token = "recorded-application-token"
    creds.write("s/b24", {"webhook_url": "https://x/rest/1/c", "application_token": token})
    store.save_settings(
        ConnectorSettings(B24, True, "https://acme.bitrix24.de", secret_name="s/b24", has_credentials=True)
    )
    sync = CrmSync(store, creds, OneCrm(crm), sources, queue, CLOCK, CrmChanges(store, sources, CLOCK))
    return Bitrix24Events(store, creds, queue), sync, store, queue, crm


def test_a_wrong_or_missing_application_token_is_refused(world) -> None:
    events, _, _, queue, _ = world
    for token in ("", "guess"):
        with pytest.raises(Unauthorized):
            events.receive({**recorded(), "auth[application_token]": token})
    assert queue.sent == []


def test_the_recorded_event_reads_the_deal_and_updates_the_profile_once(world) -> None:
    events, sync, store, queue, crm = world
    person = crm.create_person("Ann", "ann@acme.example", None)
    deal_id = crm.add_open_deal(CrmParty(person), "Support plan")
    store.save_profile(CrmProfile("bitrix24", "c-ann", person_id=person))
    form = {**recorded(), "data[FIELDS][ID]": deal_id}
    assert events.receive(form) is True
    [(connector, kind, ref, _, _)] = queue.sent
    assert (connector, kind, ref) == (B24, "deal_changed", f"{deal_id}:1796633100")
    assert sync.handle(connector, kind, ref) == "done"
    assert [d.deal_id for d in store.profile(B24, "c-ann").deals] == [deal_id]
    assert sync.handle(connector, kind, ref) == "skipped"  # the same event again changes nothing
