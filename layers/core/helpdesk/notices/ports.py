"""The notices context's ports: where notices are kept, and how a mail leaves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from helpdesk.notices.model import Notice


class NoticeStore(Protocol):
    """Notices per recipient, newest first; adding the same notice id twice keeps one."""

    def add(self, notice: Notice) -> bool: ...

    def latest(self, recipient: str, limit: int) -> list[Notice]: ...


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    subject: str
    text: str
    idempotency_key: str


class Mailer(Protocol):
    def send(self, mail: OutgoingMail) -> None: ...
