"""Our own events, read from the table's stream, become connector requests on the integrations queue:
an order item written (orders are stored once paid) and a customer's ticket created."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from helpdesk.integrations.model.connectors import CRMS, Connector
from helpdesk.integrations.ports import ExchangeStore, IntegrationStore, RequestQueue
from helpdesk.kernel.clock import Clock

Image = Mapping[str, Any]


def _text(image: Image, name: str) -> str:
    value = image.get(name)
    if isinstance(value, Mapping):  # the stream's typed form, {"S": "..."}
        value = value.get("S")
    return str(value or "")


def event_of(new: Image | None, old: Image | None) -> tuple[str, str] | None:
    """(kind, ref) for a stream record we act on, else None."""
    if new is None or old is not None:
        return None  # inserts only: a paid order and a new ticket are each written once
    pk, sk = _text(new, "pk"), _text(new, "sk")
    if pk.startswith("ORDER#") and sk == "ORDER":
        return "order_paid", pk.removeprefix("ORDER#")
    if pk.startswith("TICKET#") and sk == "TICKET":
        return "ticket_opened", pk.removeprefix("TICKET#")
    return None


class IntegrationEvents:
    def __init__(
        self, store: IntegrationStore, queue: RequestQueue, exchange: ExchangeStore, clock: Clock
    ) -> None:
        self._store, self._queue, self._exchange, self._clock = store, queue, exchange, clock

    def dispatch(self, records: Iterable[tuple[Image | None, Image | None]]) -> int:
        """Queue one request per enabled CRM connector per event, and offer paid orders to 1C's next
        query when its exchange is enabled; the number of CRM requests queued."""
        events = [e for e in (event_of(new, old) for new, old in records) if e]
        if not events:
            return 0
        enabled: list[Connector] = [c for c in CRMS if self._store.settings(c).enabled]
        onec = self._store.settings(Connector.ONEC).enabled
        for kind, ref in events:
            if onec and kind == "order_paid":
                self._exchange.add_pending(ref, self._clock.now())
            for connector in enabled:
                self._queue.request(connector, kind, ref)
        return len(events) * len(enabled)
