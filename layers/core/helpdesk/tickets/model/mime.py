"""Compose outbound MIME. Pure: the same message always yields the same bytes, so a retried send is identical.

Every header value passes through `_clean` and the strict SMTP policy, so no field can inject a header.
Message-ID, In-Reply-To and References are msg-ids (RFC 5322 3.6.4): never encoded words, folded only at
the whitespace between ids; the stdlib folder turns a long one into `=?utf-8?q?=3C...?=`, breaking threading.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, Policy
from email.utils import format_datetime

from helpdesk.kernel.errors import Invalid
from helpdesk.notices.public import set_bodies
from helpdesk.tickets.model.customer import PLAIN_ADDRESS
from helpdesk.tickets.model.message import Message

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
    if not PLAIN_ADDRESS.fullmatch(address or ""):
        raise HeaderInvalid(f"not a plain mail address: {address!r}")
    return address


def _clean(value: str) -> str:
    """Folding whitespace and control characters collapse to one space: a value is always one logical line."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", value or "").strip()


def _mid(value: str) -> str:
    if not _MESSAGE_ID.fullmatch(value):
        raise HeaderInvalid(f"not a Message-ID: {value!r}")
    return f"<{value}>"


class _MessageIds(str):
    """A msg-id header value folded by our rule (the policy calls `fold` on any value with a `name`)."""

    name: str

    def __new__(cls, name: str, ids: list[str]) -> _MessageIds:
        value = super().__new__(cls, " ".join(_mid(i) for i in ids))
        value.name = name
        return value

    def fold(self, *, policy: Policy) -> str:
        width = policy.max_line_length or 998
        lines = [f"{self.name}:"]
        for mid in self.split(" "):
            if len(lines[-1]) + 1 + len(mid) > width and lines[-1] != f"{self.name}:":
                lines.append("")
            lines[-1] += f" {mid}"
        return policy.linesep.join(lines) + policy.linesep


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
        mail["Message-ID"] = _MessageIds("Message-ID", [message.message_id])
    if message.in_reply_to:
        mail["In-Reply-To"] = _MessageIds("In-Reply-To", [message.in_reply_to])
    if message.references:
        mail["References"] = _MessageIds("References", list(message.references[-20:]))
    mail["Auto-Submitted"] = "auto-replied" if message.kind == "ack" else "no"
    set_bodies(mail, message.text or "", message.html or "")
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
