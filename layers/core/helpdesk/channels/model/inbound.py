"""One inbound message on any channel, written as the mail the ticket ingest already understands.

Every channel hands its messages to the same ingest as mail (threading, customer matching, assignment,
SLA, acknowledgement rules, quarantine): the message becomes RFC 5322 text stored where the ingest reads
mail, under a key that names the channel. The Message-ID is the channel's own message id, so a webhook
delivered twice is one message; `reply_to` (the channel message it answers) threads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

_LINE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


@dataclass(frozen=True)
class InboundFile:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class InboundMessage:
    channel: str  # form, chat, telegram, whatsapp
    message_key: str  # the channel's own id of this message: [A-Za-z0-9._-]
    sender_address: str  # the address the customer is known by (a verified e-mail, or the channel's own)
    sender_name: str
    subject: str
    text: str
    sent_at: datetime
    to_mailbox: str = "support"
    reply_to: str = ""  # message_key of the channel message this one answers, if any
    thread_key: str = ""  # a conversation the channel keeps (a chat id): later messages join its ticket
    files: tuple[InboundFile, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()  # X-Helpdesk-* facts (form id, chat id) for staff


def message_id(channel: str, key: str, support_domain: str) -> str:
    return f"{_safe(key)}@{channel}.{support_domain}"


def as_mail(message: InboundMessage, support_domain: str) -> bytes:
    mail = EmailMessage(policy=SMTP)
    name = _line(message.sender_name).replace('"', "'")
    mail["From"] = f'"{name}" <{message.sender_address}>' if name else message.sender_address
    mail["To"] = f"{_safe(message.to_mailbox)}@{support_domain}"
    mail["Subject"] = _line(message.subject)[:200] or "(no subject)"
    mail["Date"] = format_datetime(message.sent_at)
    mail["Message-ID"] = f"<{message_id(message.channel, message.message_key, support_domain)}>"
    parents = [
        message_id(message.channel, k, support_domain) for k in (message.thread_key, message.reply_to) if k
    ]
    if parents:
        mail["In-Reply-To"] = f"<{parents[-1]}>"
        mail["References"] = " ".join(f"<{p}>" for p in dict.fromkeys(parents))
    mail["X-Helpdesk-Channel"] = message.channel
    for header, value in message.headers:
        mail[f"X-Helpdesk-{_safe(header)}"] = _line(value)[:200]
    mail.set_content(message.text or "", cte="quoted-printable")
    for f in message.files:
        maintype, _, subtype = (f.content_type or "application/octet-stream").partition("/")
        mail.add_attachment(
            f.content, maintype=maintype, subtype=subtype or "octet-stream", filename=f.filename
        )
    return mail.as_bytes()


def _line(value: str) -> str:
    return _LINE.sub(" ", value or "").strip()


def _safe(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "-", value)[:120] or "x"
