"""Sliding-window rate arithmetic shared by every limiter.

Counts are kept per fixed window (one atomic counter each), but a decision weighs the previous window's
count by how much of it the sliding window [now - length, now] still covers. So a burst at the end of one
window still counts at the start of the next, where a fixed window would let a burst straddling the
boundary through twice. The previous window's events are taken as spread evenly: an estimate, never
looser for a burst just before now.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SlidingWindow:
    limit: int
    seconds: int
    now: int  # whole seconds since the epoch

    @property
    def index(self) -> int:
        return self.now // self.seconds

    @property
    def start(self) -> int:
        return self.index * self.seconds

    @property
    def previous_start(self) -> int:
        return self.start - self.seconds

    @property
    def end(self) -> int:
        return self.start + self.seconds

    def room(self, previous: int) -> int:
        """How many events the current fixed window may hold by now, given the previous window's count."""
        return _room(self.limit, self.seconds, previous, self.now - self.start)

    def allows(self, current: int, previous: int) -> bool:
        """Whether `current` events in this fixed window (the new one included) stay within the limit."""
        return current <= self.room(previous)

    def retry_after(self, current: int, previous: int) -> int:
        """Seconds until one more event fits, if nothing else is counted meanwhile."""
        wanted = current + 1
        if wanted <= self.limit:
            for elapsed in range(self.now - self.start, self.seconds):
                if wanted <= _room(self.limit, self.seconds, previous, elapsed):
                    return max(1, elapsed - (self.now - self.start))
        into_next = next(
            (e for e in range(self.seconds) if _room(self.limit, self.seconds, current, e) >= 1), self.seconds
        )
        return self.end - self.now + into_next


def _room(limit: int, seconds: int, previous: int, elapsed: int) -> int:
    # Integer arithmetic: limit - previous * (seconds - elapsed) / seconds, rounded down.
    return (limit * seconds - previous * (seconds - elapsed)) // seconds
