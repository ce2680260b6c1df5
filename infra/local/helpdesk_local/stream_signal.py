"""Wakes the local stack's stream pollers when a record reaches any table's stream.

The emulator runs in the stack's process, so a new stream record can be announced directly instead of being
found by polling: an idle poller waits for the announcement (or a few seconds at most), and reacts at once.
Four consumers polling every half second were a third of an idle stack's CPU, and a record waited up to half a
second before anyone read it."""

from __future__ import annotations

import threading
from typing import Any


class StreamSignal:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.generation = 0

    def announce(self) -> None:
        with self._cond:
            self.generation += 1
            self._cond.notify_all()

    def wait_past(self, seen: int, timeout: float) -> bool:
        """Until a record newer than generation `seen` was announced (True), or `timeout` s passed."""
        with self._cond:
            return self._cond.wait_for(lambda: self.generation != seen, timeout)


NEW_RECORDS = StreamSignal()


def announce_stream_records() -> None:
    """Every stream record moto appends, on any table (moto copies a table's shard in transactions, so the
    class, not an instance, is patched), is announced after it is in the shard. Installed once."""
    from moto.dynamodb.models.table import StreamShard

    if getattr(StreamShard.add, "announces", False):
        return
    add = StreamShard.add

    def announcing_add(self: Any, old: Any, new: Any) -> None:
        add(self, old, new)
        NEW_RECORDS.announce()

    announcing_add.announces = True  # type: ignore[attr-defined]
    StreamShard.add = announcing_add  # type: ignore[method-assign]
