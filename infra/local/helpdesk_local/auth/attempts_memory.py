"""In-memory attempt counters for the local SSO server and tests; held to the DynamoDB adapter's contract."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class MemoryAttemptCounter:
    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self._counts: dict[tuple[str, int], tuple[int, int]] = {}
        self._lock = threading.Lock()
        self._now = now

    def current(self, key: str, window_start: int) -> int:
        with self._lock:
            self._forget_expired()
            return self._counts.get((key, window_start), (0, 0))[0]

    def increment(self, key: str, window_start: int, expires_at: int) -> int:
        with self._lock:
            self._forget_expired()
            count, expiry = self._counts.get((key, window_start), (0, expires_at))
            self._counts[(key, window_start)] = (count + 1, expiry)
            return count + 1

    def _forget_expired(self) -> None:
        now = self._now()
        for entry in [k for k, (_, expiry) in self._counts.items() if expiry <= now]:
            del self._counts[entry]
