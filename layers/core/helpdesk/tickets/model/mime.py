"""Compose outbound MIME. Pure: the same message always yields the same bytes, so a retried send is identical.

Every header value passes through `_clean` and the strict SMTP policy, so no field can inject a header.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from helpdesk.kernel.errors import Invalid
from helpdesk.tickets.model.message import Message

_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$"
)
_MESSAGE_ID = re.compile(r"^[\x21-\x3b\x3d\x3f-\x7e]{1,250}@[A-Za-z0-9.-]{1,250}$")


class HeaderInvalid(Invalid):
    """A value that would break or smuggle a header."""


@dataclass(frozen=True)
class OutboundFile:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Envelope:
    from_address: str
    from_name: str
    reply_to: str
    to: tuple[str, ...]


def checked_address(address: str) -> str:
    if not _ADDRESS.fullmatch(address or ""):
        raise HeaderInvalid(f"not a plain mail address: {address!r}")
    return address


def _clean(value: str) -> str:
    """Folding whitespace and control characters collapse to one space: a value is always one logical line."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", value or "").strip()


def _mid(value: str) -> str:
    if not _MESSAGE_ID.fullmatch(value):
        raise HeaderInvalid(f"not a Message-ID: {value!r}")
    return f"<{value}>"


def _addr(address: str, name: str = "") -> Address:
    local, _, domain = checked_address(address).rpartition("@")
    return Address(display_name=_clean(name), username=local, domain=domain)


def compose(message: Message, envelope: Envelope, files: list[OutboundFile]) -> bytes:
    mail = EmailMessage(policy=SMTP)
    mail["From"] = _addr(envelope.from_address, envelope.from_name)
    mail["To"] = [_addr(a) for a in envelope.to]
    mail["Reply-To"] = _addr(envelope.reply_to)
    mail["Subject"] = _clean(message.subject)
    mail["Date"] = format_datetime(message.created_at)
    if message.message_id:
        mail["Message-ID"] = _mid(message.message_id)
    if message.in_reply_to:
        mail["In-Reply-To"] = _mid(message.in_reply_to)
    if message.references:
        mail["References"] = " ".join(_mid(r) for r in message.references[-20:])
    mail["Auto-Submitted"] = "auto-replied" if message.kind == "ack" else "no"
    mail.set_content(message.text or "")
    if message.html:
        mail.add_alternative(message.html, subtype="html")
    for file in files:
        maintype, _, subtype = (file.content_type or "application/octet-stream").partition("/")
        mail.add_attachment(
            file.content,
            maintype=_clean(maintype) or "application",
            subtype=_clean(subtype) or "octet-stream",
            filename=_clean(file.filename) or "attachment",
        )
    seed = hashlib.sha256((message.message_id or message.id).encode()).hexdigest()[:24]
    for n, part in enumerate(p for p in mail.walk() if p.is_multipart()):
        part.set_boundary(f"=_hd_{seed}_{n}")
    return mail.as_bytes()
