"""What other contexts may use of notices: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.notices.mail import TEXT_TRANSFER_ENCODING, set_bodies
from helpdesk.notices.model import Notice
from helpdesk.notices.ports import Mailer, NoticeStore, OutgoingMail
from helpdesk.notices.services import notices_for

__all__ = [
    "Mailer",
    "Notice",
    "NoticeStore",
    "OutgoingMail",
    "notices_for",
    "set_bodies",
    "TEXT_TRANSFER_ENCODING",
]
