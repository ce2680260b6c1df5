"""Presence beats in the `helpdesk` table: `PRESENCE#<ticket>` / `<email>`, expiring by TTL an hour later."""

from __future__ import annotations

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem
from helpdesk.tickets.model.presence import Presence

KEEP_SECONDS = 3600  # TTL only tidies up; freshness is decided from the beat's time


class DynamoPresence:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def beat(self, presence: Presence) -> None:
        expires = int(presence.at.timestamp()) + KEEP_SECONDS
        data = dumps(presence)
        self._m(
            f"PRESENCE#{presence.ticket_id}", presence.email, entity="presence", data=data, expires_at=expires
        ).save()

    def on_ticket(self, ticket_id: str) -> list[Presence]:
        items = self._m.query(f"PRESENCE#{ticket_id}", consistent_read=True)
        return [loads(Presence, item.data or "{}") for item in items]
