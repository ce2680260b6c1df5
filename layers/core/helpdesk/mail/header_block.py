"""Header blocks read the way lenient clients read them, before the stdlib header parser sees them."""

from __future__ import annotations

import re

_FIELD = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
_SPACED = re.compile(rb"^([\x21-\x39\x3b-\x7e]+)[ \t]+:")
_SUSPECT = re.compile(rb"^(?![\x21-\x39\x3b-\x7e]+:|[ \t]|From )", re.M)


def starts_with_field(head: bytes) -> bool:
    """Whether an entity begins with a header field at all (otherwise it is all body)."""
    return bool(_FIELD.match(head) or _SPACED.match(head) or head.startswith(b"From "))


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
