"""Checkout's `Mailer` over SES `send_email` (locally the emulator, whose sent mail the mail viewer shows)."""

from __future__ import annotations

from typing import Any

from helpdesk.notices.public import OutgoingMail


class SesReceiptMailer:
    def __init__(self, client: Any, sender: str) -> None:
        self._ses, self._sender = client, sender

    def send(self, mail: OutgoingMail) -> None:
        # Exactly-once comes from the order's EFFECT#receipt claim, not from SES.
        self._ses.send_email(
            Source=self._sender,
            Destination={"ToAddresses": [mail.to]},
            Message={"Subject": {"Data": mail.subject}, "Body": {"Text": {"Data": mail.text}}},
        )
