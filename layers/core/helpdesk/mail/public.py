"""What other contexts may use of mail: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.mail.attachment_names import plain_filename
from helpdesk.mail.language import mail_language
from helpdesk.mail.model import MailKind, ParsedMail
from helpdesk.mail.receipt import AuthVerdict, MailAuth
from helpdesk.mail.sanitize import sanitize_html

__all__ = [
    "AuthVerdict",
    "MailAuth",
    "MailKind",
    "mail_language",
    "ParsedMail",
    "plain_filename",
    "sanitize_html",
]
