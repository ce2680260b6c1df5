"""The outbox, counters and rate limits in the `helpdesk` table: all conditional writes."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import PynamoDBException

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_staging import staging
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, condition_failed
from helpdesk.kernel.rates import SlidingWindow
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.ports import OutboxEntry, OutboxStatus


class DynamoOutbox:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def add(self, entry: OutboxEntry) -> bool:
        """In a unit of work: staged, and an existing entry refuses the unit."""
        staged = staging()
        if staged is not None:
            condition = self._m.pk.does_not_exist()
            staged.stage("Put", self._item(entry).get_save_kwargs_from_instance(condition=condition))
            return True
        try:
            self._item(entry).save(condition=self._m.pk.does_not_exist())
        except PynamoDBException as error:
            if condition_failed(error):
                return False
            raise
        return True

    def get(self, entry_id: str) -> OutboxEntry | None:
        try:
            item = self._m.get(f"OUTBOX#{entry_id}", "OUTBOX", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        return self._entry(item)

    def claim(self, entry_id: str) -> OutboxEntry | None:
        item = self._m(f"OUTBOX#{entry_id}", "OUTBOX")
        try:
            item.update(
                actions=[self._m.status.set(OutboxStatus.SENDING.value), self._m.gsi1pk.remove()],
                condition=self._m.status == OutboxStatus.PENDING.value,
            )
        except PynamoDBException as error:
            if condition_failed(error):
                return None
            raise
        return self._entry(item)

    def mark_sent(self, entry_id: str, provider_id: str) -> None:
        self._m(f"OUTBOX#{entry_id}", "OUTBOX").update(
            actions=[self._m.status.set(OutboxStatus.SENT.value), self._m.ref.set(provider_id)]
        )

    def pending(self, limit: int) -> list[OutboxEntry]:
        return [self._entry(i) for i in self._m.gsi1.query("OUTBOX#pending", limit=limit)]

    def _item(self, entry: OutboxEntry) -> HelpdeskItem:
        return self._m(
            f"OUTBOX#{entry.id}",
            "OUTBOX",
            entity="outbox_entry",
            data=dumps(entry),
            status=entry.status.value,
            gsi1pk=f"OUTBOX#{entry.status.value}",
            gsi1sk=f"{entry.created_at.isoformat()}#{entry.id}",
        )

    @staticmethod
    def _entry(item: HelpdeskItem) -> OutboxEntry:
        entry = loads(OutboxEntry, item.data or "{}")
        from dataclasses import replace

        return replace(entry, status=OutboxStatus(item.status), provider_id=item.ref or "")


class DynamoCounter:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def next(self, name: str) -> int:
        item = self._m(f"COUNTER#{name}", "COUNTER")
        item.update(actions=[self._m.tally.add(1), self._m.entity.set("counter")])
        return int(item.tally or 0)


class DynamoRateLimiter:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)  # an ingest reads the previous window ahead

    def allow(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        window = SlidingWindow(limit, window_seconds, int(now.timestamp()))
        room = window.room(self._count(key, window.index - 1))
        if room < 1:
            return False
        item = self._m(f"RATE#{key}", str(window.index))
        try:
            item.update(
                actions=[
                    self._m.tally.add(1),
                    self._m.entity.set("rate_window"),
                    # Kept until the next window ends: that one weighs this one's count.
                    self._m.expires_at.set(window.end + window_seconds),
                ],
                condition=self._m.tally.does_not_exist() | (self._m.tally < room),
            )
        except PynamoDBException as error:
            if condition_failed(error):
                return False
            raise
        return True

    def _count(self, key: str, index: int) -> int:
        item = self._reads.get(f"RATE#{key}", str(index))
        return int(item.tally or 0) if item else 0
