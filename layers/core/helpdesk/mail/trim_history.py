"""Where the quoted history of a reply starts: a marker, a rule, a header block or an attribution line."""

from __future__ import annotations

import re

from helpdesk.mail import trim_patterns as tp
from helpdesk.mail.trim_languages import alternatives

_MAX_ATTRIBUTION_LINES = 6
_DETAIL_RE = re.compile(r"\d|@")


_GLUED_LEAD_RE = re.compile(rf"(?<=[.!?])\s*(?=(?:{alternatives('lead')})\s)", re.IGNORECASE)


def split_glued_attribution(line: str) -> list[str]:
    """ "Thanks! On Mon, 1 Jan 2024, Ann <a@b.c> wrote:" as two lines: the sender's words, the attribution
    (clients that flatten HTML glue them)."""
    if tp.QUOTED_RE.match(line) or tp.ATTRIBUTION_START_RE.match(line) or not tp.is_attribution(line):
        return [line]
    for m in _GLUED_LEAD_RE.finditer(line):
        rest = line[m.end() :]
        if tp.is_attribution(rest) and _DETAIL_RE.search(rest):
            return [line[: m.start()], rest]
    return [line]


def history_start(lines: list[str]) -> tuple[int, int] | None:
    """(first line, line after) of the first header that introduces quoted history."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if tp.QUOTED_RE.match(line):
            start = _attribution_at(lines, i)
            if start is not None and start < i:
                return start, i + 1
            continue
        if tp.EMBED_MARKER_RE.match(line) or tp.DASHED_ATTRIBUTION_RE.match(line):
            return i, i + 1
        if tp.DELIMITER_RE.match(line) and i and _has_text(lines[:i]):
            return i, i + 1  # a rule under the reply: Outlook's above the history, "--" above a signature
        if tp.HEADER_LINE_RE.match(line) and _header_run(lines, i) >= 3:
            return i, i + 1
        if tp.FROM_LINE_RE.match(line) and _header_block(lines, i):
            first = i
            while first and tp.HEADER_LINE_RE.match(lines[first - 1]):
                first -= 1
            return first, i + 1
        start = _attribution_at(lines, i)
        if start is not None:
            return start, i + 1
    return None


def answer_below(lines: list[str], start: int) -> int | None:
    """Where the sender's own words resume below a quoted block that starts at ``start``: at least two lines,
    or one line of its own between two quotes (an inline answer; a line glued to the quote is a wrapped quoted
    line, a last line under the quote is as often a footer); not another quote header, marker or signature.
    None when the quote runs to the end."""
    rest = start
    while rest < len(lines) and (tp.QUOTED_RE.match(lines[rest]) or not lines[rest].strip()):
        rest += 1
    own, quote_follows = [], False
    for line in lines[rest:]:
        if tp.QUOTED_RE.match(line) or tp.DELIMITER_RE.match(line) or tp.SIGNATURE_RE.match(line):
            quote_follows = bool(tp.QUOTED_RE.match(line))
            break
        if line.strip():
            own.append(line)
    inline = quote_follows and rest > start and not lines[rest - 1].strip()
    if not own or (len(own) < 2 and not inline) or history_start(lines[rest:]) == (0, 1):
        return None
    return rest


def _header_run(lines: list[str], start: int) -> int:
    """How many header lines follow each other from ``start`` on."""
    end = start
    while end < len(lines) and tp.HEADER_LINE_RE.match(lines[end]):
        end += 1
    return end - start


def _header_block(lines: list[str], start: int) -> bool:
    """A From line followed closely by at least two more header lines (Outlook, Apple forward, Gmail)."""
    window = lines[max(start - 3, 0) : start] + lines[start + 1 : start + 8]
    return sum(1 for ln in window if tp.HEADER_LINE_RE.match(ln)) >= 2


def _attribution_at(lines: list[str], end: int) -> int | None:
    """The first line of an attribution that ends on line ``end`` (it may wrap over a few lines)."""
    last = lines[end].rstrip()
    if not last.endswith((":", "：", ">", "-")) and not tp.ATTRIBUTION_HEAD_RE.match(last):
        return None
    if tp.QUOTED_RE.match(last) and tp.is_attribution(last) and _DETAIL_RE.search(last):
        return None  # a whole attribution inside the quote belongs to the quote
    if not tp.QUOTED_RE.match(last) and tp.is_via_attribution(last):
        return end
    fallback = None
    for start in range(end, max(end - _MAX_ATTRIBUTION_LINES, -1), -1):
        if tp.QUOTED_RE.match(lines[start]) and start != end:
            break
        joined = " ".join(ln.strip() for ln in lines[start : end + 1] if ln.strip())
        if not tp.is_attribution(joined) or not _DETAIL_RE.search(joined):
            continue
        if tp.ATTRIBUTION_START_RE.match(lines[start]) and not tp.QUOTED_RE.match(lines[start]):
            return start
        if fallback is None and not tp.QUOTED_RE.match(lines[start]):
            fallback = start
    return fallback


def _has_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)
