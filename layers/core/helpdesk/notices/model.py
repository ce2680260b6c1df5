from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Notice:
    notice_id: str
    audience: str
    recipient: str
    subject: str
    text: str
    link: str | None
    created_at: datetime
    read: bool = False
