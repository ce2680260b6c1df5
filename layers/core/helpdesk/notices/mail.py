"""The one policy of every mail the product sends (replies, acknowledgements, pages, receipts, reminders):
quoted-printable text parts, headers encoded by the strict SMTP policy, one logical line per header value."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

# Quoted-printable for every text part: 7-bit safe in any language, so no relay converts 8-bit mail, and the
# stdlib's per-message guess (7bit, raw 8bit, qp or base64 by line length and letters) never decides.
TEXT_TRANSFER_ENCODING = "quoted-printable"


def set_bodies(mail: EmailMessage, text: str, html: str = "") -> None:
    """The plain text body, and the HTML alternative when there is one, both under the one policy."""
    mail.set_content(text or "", cte=TEXT_TRANSFER_ENCODING)
    if html:
        mail.add_alternative(html, subtype="html", cte=TEXT_TRANSFER_ENCODING)


def _line(value: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", value or "").strip()


def compose_notice(
    sender: str, to: str, subject: str, text: str, html: str = "", sent_at: datetime | None = None
) -> bytes:
    """A whole notice mail (receipt, reminder) as raw MIME, sent with SES `send_raw_email`."""
    mail = EmailMessage(policy=SMTP)
    mail["From"], mail["To"], mail["Subject"] = _line(sender), _line(to), _line(subject)
    mail["Date"] = format_datetime(sent_at or datetime.now(UTC))
    mail["Message-ID"] = make_msgid(domain=_line(sender).rpartition("@")[2] or None)
    mail["Auto-Submitted"] = "auto-generated"
    set_bodies(mail, text, html)
    return mail.as_bytes()
