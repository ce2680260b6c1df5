"""Tolerant access to a stdlib ``email.message.Message`` (policy default or compat32) for the classifier."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import message_from_string
from email.header import decode_header, make_header
from email.message import Message

_WS_RE = re.compile(r"\s+")
_HTML_TAG_RE = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<br\s*/?>|</(?:p|div|tr|li|h\d)>|<[^>]*>", re.I | re.S
)
_HTML_ENTITY_RE = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": " ", "apos": "'"}


def header(msg: Message, name: str) -> str:
    """One header as readable text; never raises (broken encodings come back raw)."""
    try:
        raw = msg.get(name)
    except Exception:  # noqa: BLE001 - a header the policy cannot parse
        raw = None
    if raw is None:
        for key, value in _raw_items(msg):
            if key.lower() == name.lower():
                raw = value
                break
    if raw is None:
        return ""
    text = str(raw)
    if "=?" in text:
        try:
            text = str(make_header(decode_header(text)))
        except Exception:  # noqa: BLE001
            pass
    return _WS_RE.sub(" ", text).strip()


def _raw_items(msg: Message) -> list[tuple[str, str]]:
    try:
        return [(k, str(v)) for k, v in msg.raw_items()]
    except Exception:  # noqa: BLE001
        return []


def content_type(part: Message) -> str:
    try:
        return part.get_content_type().lower()
    except Exception:  # noqa: BLE001
        return "text/plain"


def param(part: Message, name: str) -> str:
    try:
        value = part.get_param(name)
    except Exception:  # noqa: BLE001
        return ""
    if isinstance(value, tuple):
        value = value[2]
    return str(value or "").lower()


def children(part: Message) -> list[Message]:
    try:
        payload = part.get_payload()
    except Exception:  # noqa: BLE001
        return []
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    return []


def walk_top(msg: Message, depth: int = 0) -> Iterator[Message]:
    """Every part of the mail itself, not descending into attached (message/*) mails."""
    yield msg
    if depth > 20 or content_type(msg).startswith("message/"):
        return
    for child in children(msg):
        yield from walk_top(child, depth + 1)


def part_text(part: Message) -> str:
    """The decoded text of a leaf part, whatever its charset claims."""
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001
        data = None
    if data is None:
        try:
            payload = part.get_payload()
        except Exception:  # noqa: BLE001
            return ""
        if isinstance(payload, list):
            return "\n\n".join(str(p) for p in payload if isinstance(p, Message))
        return payload if isinstance(payload, str) else ""
    if not isinstance(data, bytes):
        return str(data)
    charset = param(part, "charset") or "utf-8"
    for candidate in (charset, "utf-8"):
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def html_to_text(html: str) -> str:
    def tag(m: re.Match[str]) -> str:
        token = m.group(0).lower()
        if token.startswith(("<br", "</")):
            return "\n"
        return " " if not token.startswith(("<script", "<style")) else ""

    def entity(m: re.Match[str]) -> str:
        name = m.group(1).lower()
        if name.startswith("#x"):
            return _chr(int(name[2:], 16))
        if name.startswith("#"):
            return _chr(int(name[1:]))
        return _ENTITIES.get(name, m.group(0))

    return _HTML_ENTITY_RE.sub(entity, _HTML_TAG_RE.sub(tag, html))


def _chr(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return ""


def body_texts(msg: Message) -> list[str]:
    """The readable texts of the mail, plain before HTML, attached mails left out."""
    plain: list[str] = []
    html: list[str] = []
    for part in walk_top(msg):
        ctype = content_type(part)
        if part.is_multipart() or ctype.startswith("message/") and part is not msg:
            continue
        if ctype.startswith("multipart/"):  # its boundary never occurs: the body is all there is
            ctype = "text/plain"
        if ctype == "text/html":
            html.append(html_to_text(part_text(part)))
        elif ctype.startswith("text/") and ctype not in ("text/rfc822-headers",):
            plain.append(part_text(part))
    return plain or html


_BOUNDARY_LINE_RE = re.compile(r"^--([^\s]{1,200}?)(?:--)?[ \t]*$", re.MULTILINE)


def with_repaired_boundary(msg: Message) -> Message:
    """A multipart mail whose declared boundary never occurs, re-read with the boundary its body really
    uses."""
    if not content_type(msg).startswith("multipart/") or children(msg):
        return msg
    try:
        body = msg.get_payload()
    except Exception:  # noqa: BLE001
        return msg
    if not isinstance(body, str):
        return msg
    found = _BOUNDARY_LINE_RE.search(body)
    if not found:
        return msg
    lines = [f"{k}: {v}" for k, v in _raw_items(msg) if k.lower() != "content-type"]
    lines.append(f'Content-Type: {content_type(msg)}; boundary="{found.group(1)}"')
    try:
        return message_from_string("\n".join(lines) + "\n\n" + body, policy=msg.policy)
    except Exception:  # noqa: BLE001
        return msg
