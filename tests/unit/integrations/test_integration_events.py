"""Stream records become connector requests: inserted orders and tickets only, once per enabled CRM."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.services.events import IntegrationEvents
from helpdesk.kernel.clock import FixedClock

from tests.fakes.integrations.memory import MemoryExchangeStore, MemoryIntegrationStore, RecordedQueue

pytestmark = pytest.mark.unit
CLOCK = FixedClock(datetime(2026, 12, 7, tzinfo=UTC))


def item(pk: str, sk: str) -> dict[str, dict[str, str]]:
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def test_inserted_orders_and_tickets_are_queued_for_each_enabled_crm() -> None:
    store, queue, exchange = MemoryIntegrationStore(), RecordedQueue(), MemoryExchangeStore()
    store.save_settings(ConnectorSettings(Connector.PIPEDRIVE, enabled=True))
    store.save_settings(ConnectorSettings(Connector.OMNIDESK, enabled=True))  # not a CRM: no requests
    store.save_settings(ConnectorSettings(Connector.ONEC, enabled=True))  # 1C fetches: offered, not sent
    records = [
        (item("ORDER#o-1", "ORDER"), None),
        (item("TICKET#t-1", "TICKET"), None),
        (item("TICKET#t-1", "TICKET"), item("TICKET#t-1", "TICKET")),  # an update: not a new ticket
        (item("ORDER#o-1", "EFFECT#receipt"), None),
        (None, item("ORDER#o-2", "ORDER")),  # a delete
    ]
    assert IntegrationEvents(store, queue, exchange, CLOCK).dispatch(records) == 2
    assert queue.sent == [
        (Connector.PIPEDRIVE, "order_paid", "o-1", 0, 0),
        (Connector.PIPEDRIVE, "ticket_opened", "t-1", 0, 0),
    ]
    assert exchange.pending(10) == ["o-1"]


def test_nothing_is_queued_while_no_crm_is_enabled() -> None:
    store, queue, exchange = MemoryIntegrationStore(), RecordedQueue(), MemoryExchangeStore()
    assert (
        IntegrationEvents(store, queue, exchange, CLOCK).dispatch([(item("ORDER#o-1", "ORDER"), None)]) == 0
    )
    assert queue.sent == [] and exchange.pending(10) == []
