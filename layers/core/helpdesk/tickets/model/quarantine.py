"""Mail the worker would not turn into a ticket, kept with its reason until staff re-process or dismiss it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class QuarantineStatus(StrEnum):
    HELD = "held"
    REPROCESSED = "reprocessed"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class QuarantinedMail:
    key: str  # the mail's own identity (see MailSource.identity)
    bucket: str
    object_key: str
    reason: str
    created_at: datetime
    sender: str = ""
    subject: str = ""
    size: int = 0
    etag: str = ""
    ses_message_id: str = ""
    status: QuarantineStatus = QuarantineStatus.HELD
