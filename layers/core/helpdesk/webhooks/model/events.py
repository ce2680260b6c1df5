"""Webhook events and the envelope receivers get: `id` (also the `webhook-id`), type, schema version, time,
and ordering hints (`object.sequence` grows with every change of that object)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from helpdesk.webhooks.model.catalogue import CATALOGUE, allowed


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    occurred_at: datetime
    object_type: str
    object_id: str
    sequence: str  # the stream's sequence number: ordered per object (one item, one shard)
    data: dict[str, Any]
    scope: dict[str, str] = field(default_factory=dict)  # what subscription filters match: mailbox, ...

    def envelope(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "version": CATALOGUE[self.type].version,
            "timestamp": self.occurred_at.isoformat(),
            "object": {"type": self.object_type, "id": self.object_id, "sequence": self.sequence},
            "data": allowed(self.type, self.data),
        }

    def body(self) -> bytes:
        return json.dumps(self.envelope(), separators=(",", ":"), default=str).encode()


def event_id(source_id: str, event_type: str) -> str:
    """The same source change gives the same id however often it is read (stream retries, replays)."""
    return "msg_" + hashlib.sha256(f"{source_id}|{event_type}".encode()).hexdigest()[:26]
