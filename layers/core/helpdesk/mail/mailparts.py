"""Tolerant access to a stdlib ``email.message.Message`` (policy default or compat32) for the classifier."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import message_from_string
from email.header import decode_header, make_header
from email.message import Message

_WS_RE = re.compile(r"\s+")
_LEADING_BLANK_RE = re.compile(r"\A(?:[ \t]*\r?\n)+")
_FIELD_START_RE = re.compile(r"[!-9;-~]+[ \t]*:")
_HTML_TAG_RE = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<br\s*/?>|</(?:p|div|tr|li|h\d)>|<[^>]*>", re.I | re.S
)
_HTML_ENTITY_RE = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": " ", "apos": "'"}


def header(msg: Message, name: str) -> str:
    """One header as readable text, read raw (the policy's parsing is slow and strict); never raises."""
    raw = _raw(msg, name)
    if raw is None:
        return ""
    if "=?" in raw:
        try:
            raw = str(make_header(decode_header(raw)))
        except Exception:  # noqa: BLE001 - broken encoded words stay as they are
            pass
    return _WS_RE.sub(" ", raw).strip()


def _raw(msg: Message, name: str) -> str | None:
    wanted = name.lower()
    for key, value in _raw_items(msg):
        if key.lower() == wanted:
            return value
    return None


def _raw_items(msg: Message) -> list[tuple[str, str]]:
    try:
        return [(k, str(v)) for k, v in msg.raw_items()]
    except Exception:  # noqa: BLE001
        return []


def content_type(part: Message) -> str:
    raw = _raw(part, "Content-Type")
    if raw is None:
        try:
            return part.get_default_type()
        except Exception:  # noqa: BLE001
            return "text/plain"
    value = raw.split(";", 1)[0].strip().lower()
    return value if value.count("/") == 1 and " " not in value else "text/plain"


def param(part: Message, name: str) -> str:
    raw = _raw(part, "Content-Type") or ""
    found = re.search(rf"(?:^|;)\s*{re.escape(name)}\s*=\s*(?:\"([^\"]*)\"|([^;\s]*))", raw, re.IGNORECASE)
    return (found.group(1) or found.group(2) or "").lower() if found else ""


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
    body = _text_payload(msg)
    found = _BOUNDARY_LINE_RE.search(body) if body is not None else None
    if body is None or not found:
        return msg
    lines = [f"{k}: {v}" for k, v in _raw_items(msg) if k.lower() != "content-type"]
    lines.append(f'Content-Type: {content_type(msg)}; boundary="{found.group(1)}"')
    return _reread("\n".join(lines) + "\n\n" + body, msg)


def without_leading_blank_lines(msg: Message) -> Message:
    """A mail that begins with blank or whitespace-only lines (some stores write them) read without them:
    the stdlib takes such a mail for one without header fields, its header block for body text."""
    if msg.keys() or msg.is_multipart():
        return msg
    body = _text_payload(msg)
    if body is None:
        return msg
    lead = _LEADING_BLANK_RE.match(body)
    rest = body[lead.end() :] if lead else body
    return _reread(rest, msg) if _FIELD_START_RE.match(rest) else msg


def _text_payload(msg: Message) -> str | None:
    try:
        body = msg.get_payload()
    except Exception:  # noqa: BLE001
        return None
    return body if isinstance(body, str) else None


def _reread(text: str, msg: Message) -> Message:
    """`text` parsed as a whole mail under `msg`'s policy; `msg` itself when that fails."""
    try:
        return message_from_string(text, policy=msg.policy)
    except Exception:  # noqa: BLE001
        return msg
