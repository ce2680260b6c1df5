"""One pass over the whole MIME tree before anything is read from it: limits, and raw 8-bit header values."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail.charset_labels import normalise_label
from helpdesk.mail.charsets import codec_for, guess_codec
from helpdesk.mail.encoded_words import raw_to_text
from helpdesk.mail.limits import Budget
from helpdesk.mail.structure import sub_parts

_MAX_DECODED_FIELDS = 1000
_DECLARES_NOTHING = {"us-ascii", "ascii", "ansi_x3.4-1968", ""}
_WORD_CHARSET = re.compile(r"=\?([^?\s*]+)(?:\*[^?]*)?\?[bBqQ]\?")


def prepare_parts(root: Message, budget: Budget) -> None:
    """Walk the whole tree once, without recursion, and decode raw 8-bit header values."""
    parts: list[Message] = []
    stack = [root]
    while stack:
        part = stack.pop()
        budget.check_time()
        parts.append(part)
        stack.extend(sub_parts(part))
    raw = _raw_8bit_values(parts)
    hints = charset_hints(parts, raw) if raw else ()
    for part in parts:
        decode_raw_headers(part, hints)


def _raw_8bit_values(parts: list[Message]) -> list[bytes]:
    """Header values carrying 8-bit bytes that are not UTF-8 (which needs no hint)."""
    found = []
    for part in parts:
        for _, value in part.raw_items():
            if isinstance(value, str) and not value.isascii():
                data = value.encode("utf-8", "surrogateescape")
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    found.append(data)
    return found


def charset_hints(parts: list[Message], raw: list[bytes]) -> tuple[str, ...]:
    """Where raw 8-bit header bytes most likely come from, best first: the charsets the mail declares for its
    text (non-Western first; `us-ascii` declares nothing), then those of its encoded words, then a detector
    run over the raw header bytes alone, all of them at once for more evidence."""
    found: list[str] = []
    for part in parts:
        label = str(part.get_param("charset") or "") if "charset" in str(part.get("content-type", "")) else ""
        codec = codec_for(label) if normalise_label(label) not in _DECLARES_NOTHING else None
        if codec and codec not in found and codec not in ("ascii", "utf-8"):
            found.append(codec)
    declared = sorted(found, key=lambda c: c in ("cp1252", "iso8859-15", "latin-1"))
    for part in parts:
        for _, value in part.raw_items():
            for label in _WORD_CHARSET.findall(str(value)):
                codec = codec_for(label)
                if codec and codec not in declared and codec not in ("ascii", "utf-8"):
                    declared.append(codec)
    detected = guess_codec(b"\n".join(raw))
    return (*declared, *([detected] if detected and detected not in declared else []))


def decode_raw_headers(part: Message, hints: tuple[str, ...] = ()) -> None:
    """Raw 8-bit header bytes would otherwise come back from the stdlib as U+FFFD; decode them ourselves."""
    items = list(part.raw_items())
    if len(items) > _MAX_DECODED_FIELDS or all(v.isascii() for _, v in items if isinstance(v, str)):
        return  # rewriting is quadratic in the field count: a mail with thousands of fields keeps them raw
    for name in {name for name, _ in items}:
        del part[name]
    for name, value in items:
        part[name] = raw_to_text(value, hints) if isinstance(value, str) else value
