"""Processing records, the outbox, counters and rate limits in the `helpdesk` table: all conditional
writes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from pynamodb.exceptions import PynamoDBException

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, condition_failed
from helpdesk.kernel.rates import SlidingWindow
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.ports import MailRecord, MailStep, OutboxEntry, OutboxStatus

LEDGER_TTL = timedelta(days=90)


class DynamoLedger:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)

    def find(self, key: str) -> MailRecord | None:
        item = self._reads.get(f"MAIL#{key}", "MAIL")
        return self._as_record(key, item) if item else None

    def begin(self, key: str, now: datetime) -> MailRecord:
        return self.begin_planned(key, now, {})

    def begin_planned(self, key: str, now: datetime, plan: dict[str, str]) -> MailRecord:
        item = self._m(
            f"MAIL#{key}",
            "MAIL",
            entity="mail_record",
            ref=now.isoformat(),
            expires_at=int((now + LEDGER_TTL).timestamp()),
            data=json.dumps(plan) if plan else None,
        )
        self._reads.forget(item.pk, item.sk)
        try:
            item.save(condition=self._m.pk.does_not_exist())
            return MailRecord(key=key, started_at=now, plan=dict(plan))
        except PynamoDBException as error:
            if not condition_failed(error):
                raise
        return self._record(key)

    def save_plan(self, key: str, plan: dict[str, str]) -> dict[str, str]:
        item = self._m(f"MAIL#{key}", "MAIL")
        self._reads.forget(item.pk, item.sk)
        try:
            item.update(actions=[self._m.data.set(json.dumps(plan))], condition=self._m.data.does_not_exist())
            return dict(plan)
        except PynamoDBException as error:
            if not condition_failed(error):
                raise
        return self._record(key).plan

    def mark(self, key: str, step: MailStep) -> None:
        self._reads.forget(f"MAIL#{key}", "MAIL")
        self._m(f"MAIL#{key}", "MAIL").update(actions=[self._m.steps.add({step.value})])

    def reset(self, key: str) -> None:
        self._reads.forget(f"MAIL#{key}", "MAIL")
        self._m(f"MAIL#{key}", "MAIL").delete()

    def _record(self, key: str) -> MailRecord:
        return self._as_record(key, self._m.get(f"MAIL#{key}", "MAIL", consistent_read=True))

    @staticmethod
    def _as_record(key: str, item: HelpdeskItem) -> MailRecord:
        return MailRecord(
            key=key,
            started_at=datetime.fromisoformat(item.ref or ""),
            plan=json.loads(item.data) if item.data else {},
            steps=frozenset(MailStep(s) for s in (item.steps or set())),
        )


class DynamoOutbox:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def add(self, entry: OutboxEntry) -> bool:
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
        try:
            return int(self._m.get(f"RATE#{key}", str(index), consistent_read=True).tally or 0)
        except self._m.DoesNotExist:
            return 0
