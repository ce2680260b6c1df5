"""The MIME tree of a raw mail, read the lenient way streaming mail readers read it.

A delimiter is any line that *starts* with `--boundary`; the innermost multipart's boundary is tried first,
and an enclosing multipart's delimiter closes every multipart left open inside it. A part that runs into the
end of the mail without any delimiter is marked `unterminated` (offered as an attachment, not as body text).
Delimiters are found with one regular-expression search per part, not line by line, which keeps large
attachments cheap. The result is ordinary `email.message.Message` objects (compat32), so everything
downstream reads it as it would read the stdlib parser's; a nested message keeps its exact bytes in
`raw_content`.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32

from helpdesk.mail.header_block import header_length, repair_head, starts_with_field
from helpdesk.mail.limits import Budget
from helpdesk.mail.transfer import decode_transfer

_BLANK = re.compile(rb"\r?\n\r?\n")
_LEADING_BLANK_LINES = re.compile(rb"(?:[ \t]*\r?\n)+")
_CONTENT = re.compile(rb"\S")
_HEADERS = BytesHeaderParser(policy=compat32)
_MAX_HEAD = 1024 * 1024  # a longer "header block" is body text


def read_tree(raw: bytes, budget: Budget) -> Message:
    # Blank or whitespace-only lines some stores put before the header: a mail cannot begin with a
    # continuation line, so they are nothing.
    leading = _LEADING_BLANK_LINES.match(raw)
    skipped = leading.end() if leading else 0
    start = skipped if starts_with_field(raw[skipped : skipped + 1000]) else 0
    msg, _ = _entity(raw, start, len(raw), (), 0, budget)
    return msg


def _entity(
    buf: bytes, start: int, end: int, bounds: tuple[bytes, ...], depth: int, budget: Budget
) -> tuple[Message, int]:
    """One entity from `start`; returns it and where the next delimiter of an enclosing multipart begins."""
    budget.add_part(depth)
    limit = _next_delimiter(buf, start, end, bounds)
    head, body = _split_head(buf, start, limit)
    msg = _HEADERS.parsebytes(repair_head(head) + b"\n\n")
    boundary = msg.get_boundary() if msg.get_content_maintype() == "multipart" else None
    if boundary:
        own = boundary.strip().encode("utf-8", "surrogateescape")
        first = _next_delimiter(buf, body, end, (own, *bounds))
        if own and first < end and buf.startswith(b"--" + own, first):
            return msg, _multipart(msg, buf, first, end, (own, *bounds), depth, budget)
    content = buf[body:limit]
    if limit < end:  # the line break before a delimiter belongs to the delimiter
        content = content[: -len(_line_break(content))] if _line_break(content) else content
    elif bounds:
        msg.unterminated = True  # type: ignore[attr-defined]
    if msg.get_content_type() == "message/rfc822":
        inner = decode_transfer(content, msg.get("content-transfer-encoding"))
        msg.raw_content = inner  # type: ignore[attr-defined]
        if inner.strip():
            msg.set_payload([_entity(inner, 0, len(inner), (), depth + 1, budget)[0]])
            return msg, limit
    msg.set_payload(content.decode("ascii", "surrogateescape"))
    return msg, limit


def _line_break(data: bytes) -> bytes:
    return b"\r\n" if data.endswith(b"\r\n") else b"\n" if data.endswith(b"\n") else b""


def _split_head(buf: bytes, start: int, limit: int) -> tuple[bytes, int]:
    if buf.startswith(b"\n", start) or buf.startswith(b"\r\n", start):
        return b"", buf.index(b"\n", start) + 1
    if not starts_with_field(buf[start : start + 1000]):
        return b"", start
    blank = _BLANK.search(buf, start, min(limit, start + _MAX_HEAD))
    if blank is None:
        head, body = (buf[start:limit], limit) if limit - start <= _MAX_HEAD else (b"", start)
    else:
        head, body = buf[start : blank.start()], blank.end()
    length = header_length(head)
    return (head[:length], start + length) if length < len(head) else (head, body)


def _multipart(
    msg: Message, buf: bytes, at: int, end: int, bounds: tuple[bytes, ...], depth: int, budget: Budget
) -> int:
    own = bounds[0]
    children: list[Message | str] = []
    digest = msg.get_content_subtype() == "digest"
    while at < end and buf.startswith(b"--" + own, at):
        line_end = buf.find(b"\n", at, end)
        line_end = end if line_end < 0 else line_end + 1
        if buf.startswith(b"--" + own + b"--", at) or not _CONTENT.search(buf, line_end, end):
            # the epilogue runs to an ancestor's delimiter
            at = _next_delimiter(buf, line_end, end, bounds[1:])
            break
        child, at = _entity(buf, line_end, end, bounds, depth + 1, budget)
        if digest:
            child.set_default_type("message/rfc822")
        children.append(child)
    msg.set_payload(children)
    return at


def _next_delimiter(buf: bytes, start: int, end: int, bounds: tuple[bytes, ...]) -> int:
    if not bounds:
        return end
    if any(buf.startswith(b"--" + b, start) for b in bounds):
        return start
    # bytes.find is a fast C scan; a multi-line regex would step through a large attachment byte by byte
    found = [at + 1 for b in bounds if (at := buf.find(b"\n--" + b, start, end)) >= 0]
    return min(found) if found else end
