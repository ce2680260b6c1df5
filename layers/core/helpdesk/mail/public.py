"""What other contexts may use of mail: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.mail.attachment_names import plain_filename
from helpdesk.mail.model import MailKind, ParsedMail
from helpdesk.mail.receipt import AuthVerdict, MailAuth
from helpdesk.mail.sanitize import sanitize_html

__all__ = [
    "AuthVerdict",
    "MailAuth",
    "MailKind",
    "ParsedMail",
    "plain_filename",
    "sanitize_html",
]
