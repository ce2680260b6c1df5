"""A message in a ticket's conversation: inbound mail, outbound reply or internal note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"
    NOTE = "note"


@dataclass(frozen=True)
class AttachmentRef:
    key: str  # server-generated object key, never the sender's filename
    filename: str
    content_type: str
    size: int
    sha256: str = ""


@dataclass(frozen=True)
class Message:
    id: str
    ticket_id: str
    direction: Direction
    created_at: datetime
    from_: str
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    text: str = ""
    html: str = ""
    reply: str = ""
    attachments: tuple[AttachmentRef, ...] = ()
    message_id: str | None = None  # the RFC 5322 Message-ID, without angle brackets
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    kind: str = "human"
    author: str | None = None  # staff id for outbound mail and notes

    @property
    def sort_key(self) -> str:
        return f"{self.created_at.isoformat()}#{self.id}"
