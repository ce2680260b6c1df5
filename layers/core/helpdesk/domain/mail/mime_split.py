"""A lenient MIME tree builder for mail whose multipart structure the stdlib parser found broken.

Delimiters are read the way streaming mail parsers read them: any line that *starts* with `--boundary` is
one; the innermost multipart's boundary is tried first, and an ancestor's delimiter closes every multipart
left open inside it. A part that runs into the end of the mail without any delimiter is marked
`unterminated` (offered as an attachment rather than as body text). The result is ordinary
`email.message.Message` objects, so everything downstream reads it unchanged.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from functools import lru_cache

from helpdesk.domain.mail.limits import Budget, LimitExceeded
from helpdesk.domain.mail.structure import sub_parts

_BLANK = re.compile(rb"\r?\n\r?\n")
_HEADERS = BytesHeaderParser(policy=compat32)
_CONTENT = re.compile(rb"\S")
_BOUNDARY_DEFECTS = {
    "StartBoundaryNotFoundDefect",
    "CloseBoundaryNotFoundDefect",
    "MultipartInvariantViolationDefect",
}


def has_broken_boundaries(root: Message) -> bool:
    stack = [root]
    while stack:
        part = stack.pop()
        if any(type(d).__name__ in _BOUNDARY_DEFECTS for d in getattr(part, "defects", ())):
            return True
        stack.extend(sub_parts(part))
    return False


def build_tree(raw: bytes, budget: Budget) -> Message:
    msg, _ = _entity(raw, 0, len(raw), (), 0, budget)
    return msg


def _entity(
    buf: bytes, start: int, end: int, bounds: tuple[bytes, ...], depth: int, budget: Budget
) -> tuple[Message, int]:
    """One entity from `start`; returns it and where the next delimiter of an enclosing multipart begins."""
    if depth > budget.limits.max_depth:
        raise LimitExceeded("limit_depth", f"MIME nesting deeper than {budget.limits.max_depth}")
    budget.check_time()
    limit = _next_delimiter(buf, start, end, bounds)
    if buf.startswith(b"\n", start) or buf.startswith(b"\r\n", start):
        head, body = b"", buf.index(b"\n", start) + 1
    else:
        blank = _BLANK.search(buf, start, limit)
        head, body = (buf[start:limit], limit) if blank is None else (buf[start : blank.start()], blank.end())
    msg = _HEADERS.parsebytes(head + b"\n\n")
    boundary = msg.get_boundary() if msg.get_content_maintype() == "multipart" else None
    if boundary:
        own = boundary.encode("utf-8", "surrogateescape")
        first = _next_delimiter(buf, body, end, (own, *bounds))
        if first < end and buf.startswith(b"--" + own, first):
            return msg, _multipart(msg, buf, first, end, (own, *bounds), depth, budget)
    content = buf[body:limit]
    if limit < end:
        content = (
            content[:-2]
            if content.endswith(b"\r\n")
            else content[:-1]
            if content.endswith(b"\n")
            else content
        )
    elif bounds:
        msg.unterminated = True  # type: ignore[attr-defined]
    if msg.get_content_type() == "message/rfc822" and content.strip():
        inner, _ = _entity(content, 0, len(content), (), depth + 1, budget)
        msg.set_payload([inner])
    else:
        msg.set_payload(content.decode("ascii", "surrogateescape"))
    return msg, limit


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
            at = _next_delimiter(
                buf, line_end, end, bounds[1:]
            )  # the epilogue runs to an ancestor's delimiter
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
    found = _delimiters(bounds).search(buf, start, end)
    return found.start() if found else end


@lru_cache(maxsize=64)
def _delimiters(bounds: tuple[bytes, ...]) -> re.Pattern[bytes]:
    return re.compile(rb"(?m)^--(?:" + b"|".join(re.escape(b) for b in bounds) + rb")")
