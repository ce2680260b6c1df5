"""Billing's mail (quotes, invoices) with the documents attached, over SES `send_raw_email`, composed by the
product's one mail policy (`notices.set_bodies`)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from typing import Any

from helpdesk.billing.ports import Attachment
from helpdesk.notices.public import set_bodies


def compose_documents(sender: str, to: str, subject: str, text: str, attachments: list[Attachment]) -> bytes:
    mail = EmailMessage(policy=SMTP)
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject.replace("\n", " ")
    mail["Date"] = format_datetime(datetime.now(UTC))
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    set_bodies(mail, text)
    for a in attachments:
        maintype, _, subtype = a.content_type.partition("/")
        mail.add_attachment(a.content, maintype=maintype, subtype=subtype, filename=a.filename)
    return mail.as_bytes()


class SesDocumentMailer:
    def __init__(self, client: Any, sender: str) -> None:
        self._ses, self._sender = client, sender

    def send(self, to: str, subject: str, text: str, attachments: list[Attachment]) -> None:
        raw = compose_documents(self._sender, to, subject, text, attachments)
        self._ses.send_raw_email(Source=self._sender, Destinations=[to], RawMessage={"Data": raw})
