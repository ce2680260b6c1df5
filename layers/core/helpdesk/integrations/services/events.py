"""Our own events, read from the table's stream, become connector requests on the integrations queue:
an order item written (orders are stored once paid) and a customer's ticket created."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from helpdesk.integrations.model.connectors import CRMS, Connector
from helpdesk.integrations.ports import IntegrationStore, RequestQueue

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
    def __init__(self, store: IntegrationStore, queue: RequestQueue) -> None:
        self._store, self._queue = store, queue

    def dispatch(self, records: Iterable[tuple[Image | None, Image | None]]) -> int:
        """Queue one request per enabled CRM connector per event; the number queued."""
        events = [e for e in (event_of(new, old) for new, old in records) if e]
        if not events:
            return 0
        enabled: list[Connector] = [c for c in CRMS if self._store.settings(c).enabled]
        for kind, ref in events:
            for connector in enabled:
                self._queue.request(connector, kind, ref)
        return len(events) * len(enabled)
