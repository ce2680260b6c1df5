"""One pass over the whole MIME tree before anything is read from it: limits, and raw 8-bit header values."""

from __future__ import annotations

from email.message import Message

from helpdesk.mail.charsets import codec_for
from helpdesk.mail.encoded_words import raw_to_text
from helpdesk.mail.limits import Budget
from helpdesk.mail.structure import sub_parts

_MAX_DECODED_FIELDS = 1000


def prepare_parts(root: Message, budget: Budget) -> None:
    """Walk the whole tree once, without recursion, and decode raw 8-bit header values."""
    parts: list[Message] = []
    stack = [root]
    while stack:
        part = stack.pop()
        budget.check_time()
        parts.append(part)
        stack.extend(sub_parts(part))
    hints = charset_hints(parts)
    for part in parts:
        decode_raw_headers(part, hints)


def charset_hints(parts: list[Message]) -> tuple[str, ...]:
    """The charsets a mail declares, non-Western first: raw 8-bit headers are most likely in one of them."""
    found: list[str] = []
    for part in parts:
        codec = (
            codec_for(str(part.get_param("charset") or ""))
            if "charset" in str(part.get("content-type", ""))
            else None
        )
        if codec and codec not in found and codec not in ("ascii", "utf-8"):
            found.append(codec)
    return tuple(sorted(found, key=lambda c: c in ("cp1252", "iso8859-15", "latin-1")))


def decode_raw_headers(part: Message, hints: tuple[str, ...] = ()) -> None:
    """Raw 8-bit header bytes would otherwise come back from the stdlib as U+FFFD; decode them ourselves."""
    items = list(part.raw_items())
    if len(items) > _MAX_DECODED_FIELDS or all(v.isascii() for _, v in items if isinstance(v, str)):
        return  # rewriting is quadratic in the field count: a mail with thousands of fields keeps them raw
    for name in {name for name, _ in items}:
        del part[name]
    for name, value in items:
        part[name] = raw_to_text(value, hints) if isinstance(value, str) else value
