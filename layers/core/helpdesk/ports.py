"""The interfaces the services need. Adapters implement them; fakes are held to the same contract tests."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from helpdesk.domain.notices import Notice
from helpdesk.domain.operations import QueueState


class Clock(Protocol):
    def now(self) -> datetime: ...


class QueueMonitor(Protocol):
    """Reads the state of a queue: how many messages wait, are in flight, and how old the oldest is.

    Raises NotFound for a queue that does not exist.
    """

    def queue_state(self, queue_name: str) -> QueueState: ...


class NoticeStore(Protocol):
    """Notices per recipient, newest first; adding the same notice id twice keeps one."""

    def add(self, notice: Notice) -> bool: ...

    def latest(self, recipient: str, limit: int) -> list[Notice]: ...
