"""The CRM sync's use cases against fakes: paid orders become won deals on the right party, tickets link to
the open deal, 429 goes back on the queue, health records successes and errors."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.model.crm import CrmParty
from helpdesk.integrations.ports import PaidOrder, TicketParty, VendorRateLimited
from helpdesk.integrations.services.crm_changes import CrmChanges
from helpdesk.integrations.services.crm_sync import MAX_RATE_LIMITED, CrmSync
from helpdesk.kernel.clock import FixedClock

from tests.fakes.integrations.memory import (
    FakeCrm,
    FakeSources,
    MemoryCredentials,
    MemoryIntegrationStore,
    OneCrm,
    RecordedQueue,
)

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
PD = Connector.PIPEDRIVE


def order(order_id: str = "o-1", email: str = "ann@acme.example", amount: int = 4990) -> PaidOrder:
    return PaidOrder(order_id, "Order 1042", "c-ann", email, "Ann Smith", amount, "EUR", NOW)


@pytest.fixture
def world() -> tuple[CrmSync, MemoryIntegrationStore, FakeCrm, FakeSources, RecordedQueue]:
    store, creds, crm, sources, queue = (
        MemoryIntegrationStore(), MemoryCredentials(), FakeCrm(), FakeSources(), RecordedQueue(),
    )  # fmt: skip
    creds.write("s/pd", {"api_token": "t"})
    settings = ConnectorSettings(
        PD, True, "https://x.pipedrive.com/api/v2", secret_name="s/pd", has_credentials=True
    )
    store.save_settings(settings)
    clock = FixedClock(NOW)
    sync = CrmSync(store, creds, OneCrm(crm), sources, queue, clock, CrmChanges(store, sources, clock))
    return sync, store, crm, sources, queue


def test_a_paid_order_becomes_one_won_deal_on_a_new_person_in_a_new_org(world) -> None:
    sync, store, crm, sources, _ = world
    sources.orders["o-1"] = order()
    assert sync.handle(PD, "order_paid", "o-1") == "done"
    ((won, deal, party),) = crm.deals.values()
    assert (deal.status, won.value, won.currency, won.title) == (
        "won",
        Decimal("49.90"),
        "EUR",
        "Order 1042 - Ann Smith",
    )
    assert crm.orgs[party.org_id] == "acme.example"
    assert crm.persons[party.person_id] == ("Ann Smith", "ann@acme.example", party.org_id)
    assert sync.handle(PD, "order_paid", "o-1") == "skipped"  # a redelivery makes no second deal
    assert len(crm.deals) == 1
    assert store.health(PD).last_success_at == NOW


def test_an_existing_person_is_found_by_email_and_a_colleague_gives_the_org(world) -> None:
    sync, _, crm, sources, _ = world
    org = crm.create_org("Acme GmbH")
    known = crm.create_person("Bob", "bob@acme.example", org)
    sources.orders["o-2"] = order("o-2", "bob@acme.example")
    sources.orders["o-3"] = order("o-3", "carol@acme.example")
    sync.handle(PD, "order_paid", "o-2")
    sync.handle(PD, "order_paid", "o-3")
    parties = [p for _, _, p in crm.deals.values()]
    assert parties[0].person_id == known
    assert parties[1].org_id == org and parties[1].person_id != known  # carol: new person, bob's company
    assert len(crm.orgs) == 1


def test_free_mail_customers_get_no_organisation(world) -> None:
    sync, _, crm, sources, _ = world
    sources.orders["o-4"] = order("o-4", "ann@gmail.com")
    sync.handle(PD, "order_paid", "o-4")
    assert crm.orgs == {}
    assert next(iter(crm.deals.values()))[2].org_id is None


def test_a_customers_ticket_links_to_their_open_deal(world) -> None:
    sync, store, crm, sources, _ = world
    person = crm.create_person("Ann", "ann@acme.example", None)
    deal_id = crm.add_open_deal(CrmParty(person), "Upgrade to Pro")
    sources.tickets["t-1"] = TicketParty("t-1", "c-ann", "ann@acme.example", "Ann")
    sources.tickets["t-2"] = TicketParty("t-2", "c-bob", "bob@other.example", "Bob")
    assert sync.handle(PD, "ticket_opened", "t-1") == "done"
    assert store.ticket_deal(PD, "t-1").deal_id == deal_id
    assert store.customer_for_person(PD, person) == "c-ann"
    assert sync.handle(PD, "ticket_opened", "t-2") == "skipped"  # not in the CRM: nothing linked
    assert store.ticket_deal(PD, "t-2") is None


def test_429_puts_the_request_back_delayed_and_gives_up_after_the_limit(world) -> None:
    sync, store, crm, sources, queue = world
    sources.orders["o-5"] = order("o-5")
    crm.limited = [42]
    assert sync.handle(PD, "order_paid", "o-5", attempt=0) == "delayed"
    assert queue.sent == [(PD, "order_paid", "o-5", 42, 1)]
    assert crm.deals == {} and store.health(PD).delayed == 1
    crm.limited = [42]
    with pytest.raises(VendorRateLimited):
        sync.handle(PD, "order_paid", "o-5", attempt=MAX_RATE_LIMITED)
    assert store.health(PD).last_error == "rate limited too often"


def test_an_error_is_kept_in_health_and_raised_for_the_queue_to_retry(world) -> None:
    sync, store, crm, sources, _ = world
    sources.orders["o-6"] = order("o-6")

    def broken(deal: object) -> str:
        raise RuntimeError("pipedrive refused POST /deals: 400")

    crm.add_won_deal = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        sync.handle(PD, "order_paid", "o-6")
    health = store.health(PD)
    assert health.last_error_at == NOW and "400" in health.last_error


def test_an_unconfigured_or_disabled_connector_calls_nothing(world) -> None:
    sync, store, crm, sources, _ = world
    sources.orders["o-7"] = order("o-7")
    store.save_settings(ConnectorSettings(PD, False, "https://x", secret_name="s/pd", has_credentials=True))
    assert sync.handle(PD, "order_paid", "o-7") == "skipped"
    assert crm.deals == {}
