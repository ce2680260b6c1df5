"""The stream consumer's use case: table changes -> events -> deliveries to the subscriptions wanting them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from helpdesk.kernel.clock import Clock
from helpdesk.webhooks.model.stream_changes import TableChange, events_from_change
from helpdesk.webhooks.ports import DeliveryQueue, DeliveryStore, SubscriptionStore
from helpdesk.webhooks.services.fanout import fan_out

StreamRecord = tuple[str, str | None, datetime | None, Mapping[str, Any] | None, Mapping[str, Any] | None]


class WebhookEvents:
    def __init__(
        self, subscriptions: SubscriptionStore, deliveries: DeliveryStore, queue: DeliveryQueue, clock: Clock
    ) -> None:
        self._subs, self._deliveries, self._queue, self._clock = subscriptions, deliveries, queue, clock

    def apply_stream_records(self, records: Iterable[StreamRecord]) -> tuple[int, int]:
        """Records as (event id, sequence number, approximate time, new image, old image), plain images."""
        changes = [
            TableChange(str(i), str(seq), at or self._clock.now(), new, old)
            for i, seq, at, new, old in records
        ]
        return self.apply_table_changes(changes)

    def apply_table_changes(self, changes: Iterable[TableChange]) -> tuple[int, int]:
        """(events found, deliveries queued). Subscriptions are read only when a change made an event."""
        events = [event for change in changes for event in events_from_change(change)]
        if not events:
            return 0, 0
        subscriptions = [s for s in self._subs.all() if s.enabled]
        return len(events), fan_out(events, subscriptions, self._deliveries, self._queue, self._clock)
