"""RFC 2047 encoded words, decoded the forgiving way real mail needs (bad padding, split characters)."""

from __future__ import annotations

import binascii
import re

from helpdesk.mail.charsets import decode_bytes

_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=")
_QHEX = re.compile(rb"=([0-9A-Fa-f]{2})")
_GAP = re.compile(r"[ \t\r\n]*")


def raw_to_text(value: str, hints: tuple[str, ...] = ()) -> str:
    """Header values from the bytes parser carry raw 8-bit bytes as surrogates: decode them.

    UTF-8 first (RFC 6532), then the charsets the mail declares for its text parts, then detection.
    """
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        data = value.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in hints:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return decode_bytes(data, None)


def _word_bytes(encoding: str, text: str) -> bytes:
    if encoding in "bB":
        clean = re.sub(r"[^A-Za-z0-9+/]", "", text)
        if len(clean) % 4 == 1:
            clean = clean[:-1]
        try:
            return binascii.a2b_base64(clean + "=" * (-len(clean) % 4))
        except binascii.Error:
            return b""
    data = text.replace("_", " ").encode("utf-8", "surrogateescape")
    return _QHEX.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def decode_words(value: str) -> str:
    """Decode every encoded word in `value`; whitespace between adjacent words disappears."""
    value = raw_to_text(value)
    if "=?" not in value:
        return value
    out: list[str] = []
    pending: list[bytes] = []
    pending_charset = ""
    pos = 0

    def flush() -> None:
        if pending:
            out.append(decode_bytes(b"".join(pending), pending_charset))
            pending.clear()

    for match in _WORD.finditer(value):
        gap = value[pos : match.start()]
        if not (pending and _GAP.fullmatch(gap)):
            flush()
            out.append(gap)
        charset = match.group(1).split("*", 1)[0].lower()
        if pending and charset != pending_charset:
            flush()
        pending_charset = charset
        pending.append(_word_bytes(match.group(2), match.group(3)))
        pos = match.end()
    flush()
    out.append(value[pos:])
    return "".join(out)


def protect_words(value: str) -> tuple[str, list[str]]:
    """Replace encoded words by opaque atoms so that address parsing cannot split inside them."""
    words: list[str] = []

    def hide(match: re.Match[str]) -> str:
        words.append(match.group(0))
        return f"\ue000{len(words) - 1}\ue001"

    return _WORD.sub(hide, value), words


def restore_words(value: str, words: list[str]) -> str:
    if not words:
        return value
    return re.sub(r"\ue000(\d+)\ue001", lambda m: words[int(m.group(1))], value)
