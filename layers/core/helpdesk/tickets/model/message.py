"""A message in a ticket's conversation: inbound mail, outbound reply or internal note."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from helpdesk.mail.public import plain_filename, sanitize_html


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"
    NOTE = "note"


# A table item holds at most 400 KB: bodies are cut (by UTF-8 bytes) so a message always fits.
BODY_BYTES = {"text": 120_000, "html": 120_000, "reply": 40_000}


def cut_utf8(value: str, limit: int) -> tuple[str, bool]:
    data = value.encode()
    if len(data) <= limit:
        return value, False
    return data[:limit].decode(errors="ignore"), True


def stored_html(html: str, limit: int = BODY_BYTES["html"]) -> tuple[str, bool]:
    """Every HTML body is stored through the one policy; a body cut mid-tag is sanitised again."""
    clean, cut, size = sanitize_html(html), False, limit
    while len(clean.encode()) > limit:
        clean, cut, size = sanitize_html(cut_utf8(clean, size)[0]), True, size - max(size // 8, 1)
    return clean, cut


@dataclass(frozen=True)
class AttachmentRef:
    key: str  # server-generated object key, never the sender's filename
    filename: str
    content_type: str
    size: int
    sha256: str = ""

    def __post_init__(self) -> None:
        # Every stored or shown name (inbound, staff and cabinet uploads, older rows) loses bidi and control
        # characters: "invoice\u202efdp.exe" must show as the .exe it is.
        shown = plain_filename(self.filename).strip() or "attachment"
        if shown != self.filename:
            object.__setattr__(self, "filename", shown)


# Types a browser shows without running anything; any other (html, svg, xml, script, ...) downloads as bytes.
_PASSIVE_TYPES = re.compile(
    r"^(?:image/(?:png|jpeg|gif|webp|bmp|tiff)|text/(?:plain|csv)|application/(?:pdf|zip|gzip|json"
    r"|msword|vnd\.ms-excel|vnd\.openxmlformats-officedocument\.[a-z.]+|vnd\.oasis\.opendocument\.[a-z.]+)"
    r"|audio/(?:mpeg|ogg|wav)|video/(?:mp4|webm))$"
)


def served_type(content_type: str) -> str:
    """The Content-Type a download is answered with: the file's own when it is passive, else octet-stream."""
    bare = (content_type or "").split(";", 1)[0].strip().lower()
    if not _PASSIVE_TYPES.fullmatch(bare):
        return "application/octet-stream"
    return f"{bare}; charset=utf-8" if bare.startswith("text/") else bare


@dataclass(frozen=True)
class Message:
    id: str
    ticket_id: str
    direction: Direction
    created_at: datetime
    from_: str
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()  # staff replies only: in the envelope, never in a header
    subject: str = ""
    text: str = ""
    html: str = ""
    reply: str = ""
    attachments: tuple[AttachmentRef, ...] = ()
    message_id: str | None = None  # the RFC 5322 Message-ID, without angle brackets
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    kind: str = "human"
    author: str | None = None  # staff id for outbound mail and notes
    author_name: str = ""  # the staff member's display name, for the From of their replies
    channel: str = "mail"  # mail, form, chat, telegram, whatsapp: where it came from or went out
    truncated: bool = False  # bodies were cut to fit one table item; the raw mail keeps everything

    @property
    def sort_key(self) -> str:
        return f"{self.created_at.isoformat()}#{self.id}"
