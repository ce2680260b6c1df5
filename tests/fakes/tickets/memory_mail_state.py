"""In-memory fakes of the mail processing state: counters, rate limits, processing records, the outbox.

Held to the same contract suite as the DynamoDB adapters; a lock makes each operation atomic, as a conditional
write is.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from helpdesk.kernel.rates import SlidingWindow
from helpdesk.tickets.ports import MailRecord, MailStep, OutboxEntry, OutboxStatus, WritesConflict


class MemoryCounter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, int] = {}

    def next(self, name: str) -> int:
        with self._lock:
            self._values[name] = self._values.get(name, 0) + 1
            return self._values[name]


class MemoryRateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, int], int] = {}

    def allow(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        window = SlidingWindow(limit, window_seconds, int(now.timestamp()))
        with self._lock:
            count = self._counts.get((key, window.index), 0)
            if not window.allows(count + 1, self._counts.get((key, window.index - 1), 0)):
                return False
            self._counts[(key, window.index)] = count + 1
            return True


class MemoryLedger:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: dict[str, MailRecord] = {}

    def find(self, key: str) -> MailRecord | None:
        return self._records.get(key)

    def begin(self, key: str, now: datetime) -> MailRecord:
        return self.begin_planned(key, now, {})

    def begin_planned(self, key: str, now: datetime, plan: dict[str, str]) -> MailRecord:
        with self._lock:
            return self._records.setdefault(key, MailRecord(key=key, started_at=now, plan=dict(plan)))

    def save_plan(self, key: str, plan: dict[str, str]) -> dict[str, str]:
        with self._lock:
            record = self._records[key]
            if not record.plan:
                record = replace(record, plan=dict(plan))
                self._records[key] = record
            return dict(record.plan)

    def complete(self, record: MailRecord) -> None:
        with self._lock:
            stored = self._records.get(record.key)
            if stored is None and record.stored or stored is not None and not record.stored:
                raise WritesConflict(f"mail record {record.key} written meanwhile")
            if stored is not None and stored.did(MailStep.DONE):
                raise WritesConflict(f"mail record {record.key} completed meanwhile")
            base = stored or replace(record, stored=True)
            self._records[record.key] = replace(
                base, plan=dict(base.plan or record.plan), steps=base.steps | {MailStep.DONE}
            )

    def mark(self, key: str, step: MailStep) -> None:
        with self._lock:
            record = self._records[key]
            self._records[key] = replace(record, steps=record.steps | {step})

    def reset(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)


class MemoryOutbox:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, OutboxEntry] = {}

    def add(self, entry: OutboxEntry) -> bool:
        with self._lock:
            if entry.id in self._entries:
                return False
            self._entries[entry.id] = entry
            return True

    def get(self, entry_id: str) -> OutboxEntry | None:
        return self._entries.get(entry_id)

    def claim(self, entry_id: str) -> OutboxEntry | None:
        with self._lock:
            entry = self._entries.get(entry_id)
            if entry is None or entry.status is not OutboxStatus.PENDING:
                return None
            self._entries[entry_id] = replace(entry, status=OutboxStatus.SENDING)
            return self._entries[entry_id]

    def mark_sent(self, entry_id: str, provider_id: str) -> None:
        with self._lock:
            entry = self._entries[entry_id]
            self._entries[entry_id] = replace(entry, status=OutboxStatus.SENT, provider_id=provider_id)

    def pending(self, limit: int) -> list[OutboxEntry]:
        found = [e for e in self._entries.values() if e.status is OutboxStatus.PENDING]
        return sorted(found, key=lambda e: (e.created_at, e.id))[:limit]
