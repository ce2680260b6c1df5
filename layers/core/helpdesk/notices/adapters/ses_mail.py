"""The notices `Mailer` over SES `send_raw_email` (locally the emulator; the mail viewer shows what it sent).

Receipts and license reminders go through here, so they are built like every other mail the product sends
(`notices.mail`), not by SES `send_email`'s own MIME.
"""

from __future__ import annotations

from typing import Any

from helpdesk.notices.mail import compose_notice
from helpdesk.notices.ports import OutgoingMail


class SesNoticeMailer:
    def __init__(self, client: Any, sender: str) -> None:
        self._ses, self._sender = client, sender

    def send(self, mail: OutgoingMail) -> None:
        # Exactly-once comes from the caller's claim (the order's EFFECT#receipt, a reminder's), not SES.
        raw = compose_notice(self._sender, mail.to, mail.subject, mail.text)
        self._ses.send_raw_email(Source=self._sender, Destinations=[mail.to], RawMessage={"Data": raw})
