"""Header blocks read the way lenient clients read them, before the stdlib header parser sees them."""

from __future__ import annotations

import re

_FIELD = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
_SPACED = re.compile(rb"^([\x21-\x39\x3b-\x7e]+)[ \t]+:")
_SUSPECT = re.compile(rb"^(?![\x21-\x39\x3b-\x7e]+:|[ \t]|From )", re.M)


def starts_with_field(head: bytes) -> bool:
    """Whether an entity begins with a header field at all (otherwise it is all body)."""
    return bool(_FIELD.match(head) or _SPACED.match(head) or head.startswith(b"From "))


def header_length(head: bytes) -> int:
    """Where the header block really ends: a line that is neither a field nor a continuation, with no field
    after it, begins the body (RFC 5322 requires a blank line there; senders forget it)."""
    lines = head.splitlines(keepends=True)
    fields = [
        i
        for i, ln in enumerate(lines)
        if _FIELD.match(ln) or _SPACED.match(ln) or (i == 0 and ln.startswith(b"From "))
    ]
    if not fields:
        return len(head)
    offset = sum(len(ln) for ln in lines[: fields[-1] + 1])
    for line in lines[fields[-1] + 1 :]:
        if line[:1] not in (b" ", b"\t"):
            return offset
        offset += len(line)
    return len(head)


def repair_head(head: bytes) -> bytes:
    """A name with space before its colon is still a field; a line that is no field continues the last one.

    Without this the stdlib ends the headers at the first such line and drops the rest of the block.
    """
    if not _SUSPECT.search(head):
        return head
    fixed: list[bytes] = []
    for line in head.splitlines(keepends=True):
        if _FIELD.match(line) or line[:1] in (b" ", b"\t") or (not fixed and line.startswith(b"From ")):
            fixed.append(line)
            continue
        spaced = _SPACED.match(line)
        if spaced:
            fixed.append(spaced.group(1) + b":" + line[spaced.end() :])
        elif line.strip():
            fixed.append(b" " + line)
    return b"".join(fixed)
