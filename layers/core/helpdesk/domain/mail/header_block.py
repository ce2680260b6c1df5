"""Repair the top-level header block the way lenient clients read it, before the stdlib parser sees it."""

from __future__ import annotations

import re

_END = re.compile(rb"\r?\n\r?\n")
_FIELD = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
_SPACED = re.compile(rb"^([\x21-\x39\x3b-\x7e]+)[ \t]+:")
_MAX_BLOCK = 1024 * 1024


def repair_header_block(raw: bytes) -> bytes:
    """A name with space before its colon is still a field; a line that is no field continues the last one.

    Without this the stdlib ends the headers at the first such line and the rest becomes body text.
    """
    end = _END.search(raw, 0, _MAX_BLOCK)
    if end is None:
        return raw
    head = raw[: end.start()]
    lines = head.splitlines(keepends=True)
    fixed: list[bytes] = []
    changed = False
    for number, line in enumerate(lines):
        if _FIELD.match(line) or line[:1] in (b" ", b"\t") or (number == 0 and line.startswith(b"From ")):
            fixed.append(line)
            continue
        spaced = _SPACED.match(line)
        if spaced:
            fixed.append(spaced.group(1) + b":" + line[spaced.end() :])
        elif fixed:
            fixed.append(b" " + line)
        else:
            return raw  # no header at all: the mail starts with its body
        changed = True
    return b"".join(fixed) + raw[end.start() :] if changed else raw
