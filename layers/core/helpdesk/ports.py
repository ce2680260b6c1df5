"""The interfaces the services need. Adapters implement them; fakes are held to the same contract tests."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...
