"""Time as the services see it: a port, the system clock, and a clock tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


class Clock(Protocol):
    def now(self) -> datetime: ...
