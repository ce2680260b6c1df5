"""The new part of a reply: quoted history, attribution lines and signatures cut away; forwards split off.

``trim_reply`` returns ``reply`` (what the sender wrote now), ``elided`` (what was cut), and for a mail
that embeds
another one under a marker line followed by its header block (a forward, or Outlook's "-----Original
Message-----")
``forwarded`` (that embedded mail, headers included) and ``preface`` (what stood above it). When nothing
precedes
such an embedded mail, the reply is the embedded mail's own body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpdesk.domain.mail import trim_patterns as tp
from helpdesk.domain.mail.html_reply import html_to_reply_text

_MAX_ATTRIBUTION_LINES = 6
_DETAIL_RE = re.compile(r"\d|@")


@dataclass(frozen=True)
class TrimResult:
    reply: str
    elided: str
    forwarded: str | None = None
    preface: str | None = None


def trim_reply(text: str) -> TrimResult:
    try:
        return _trim(text.replace("\r\n", "\n").replace("\r", "\n"))
    except Exception:  # noqa: BLE001 - a body this cannot read is kept whole
        return TrimResult(text.strip(), "")


def reply_from_html(html: str) -> str:
    """The new part of an HTML reply as plain text: quoting containers dropped, then trimmed as text."""
    try:
        return trim_reply(html_to_reply_text(html)).reply
    except Exception:  # noqa: BLE001
        return ""


def _trim(text: str) -> TrimResult:
    lines = text.split("\n")
    embedded = _embedded_at(lines)
    if embedded is None:
        reply, elided = _trim_lines(lines)
        return TrimResult(reply, elided)
    marker, headers_end = embedded
    preface = _join(lines[:marker])
    forwarded = _join(lines[marker + 1 :])
    if preface:
        reply, elided = _trim_lines(lines[:marker])
        return TrimResult(reply, _join([elided, *lines[marker:]]), forwarded, preface)
    reply, elided = _trim_lines(lines[headers_end:])
    return TrimResult(reply, _join([*lines[:headers_end], elided]), forwarded, preface)


def _embedded_at(lines: list[str]) -> tuple[int, int] | None:
    """(marker line, first line after the embedded header block) of the first embedded mail."""
    for i, line in enumerate(lines):
        if not tp.EMBED_MARKER_RE.match(line):
            continue
        j = _next_content(lines, i + 1)
        if j is not None and j - i <= 3 and tp.HEADER_LINE_RE.match(lines[j]):
            end = j
            while end < len(lines) and lines[end].strip():
                end += 1
            return i, end
    return None


def _trim_lines(lines: list[str]) -> tuple[str, str]:
    cut = _quote_start(lines)
    if cut is not None and not _join(lines[: cut[0]]):
        # Nothing above the quote header: the sender wrote below it (bottom posting) or quoted nothing.
        rest = cut[1]
        while rest < len(lines) and (tp.QUOTED_RE.match(lines[rest]) or not lines[rest].strip()):
            rest += 1
        if rest < len(lines):
            reply, elided = _trim_lines(lines[rest:])
            return reply, _join([*lines[:rest], elided])
        return "", _join(lines)
    body = lines[: cut[0]] if cut else list(lines)
    quoted = lines[cut[0] :] if cut else []
    body, tail = _drop_trailing_quote(body)
    body, signature = _drop_signature(body)
    if quoted or tail:
        while body and (not body[-1].strip() or tp.RULE_RE.match(body[-1])):
            signature.insert(0, body.pop())  # the rule a client draws above the quoted history
    return _join(body), _join([*signature, *tail, *quoted])


def _quote_start(lines: list[str]) -> tuple[int, int] | None:
    """(first line, line after) of the first header that introduces quoted history."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if tp.QUOTED_RE.match(line):
            start = _attribution_at(lines, i)
            if start is not None and start < i:
                return start, i + 1
            continue
        if tp.EMBED_MARKER_RE.match(line):
            return i, i + 1
        if tp.OUTLOOK_RULE_RE.match(line) and i and _join(lines[:i]):
            return i, i + 1  # Outlook's rule above the history (or a disclaimer): never the sender's content
        if tp.FROM_LINE_RE.match(line) and _header_block(lines, i):
            first = i
            while first and tp.HEADER_LINE_RE.match(lines[first - 1]):
                first -= 1
            return first, i + 1
        start = _attribution_at(lines, i)
        if start is not None:
            return start, i + 1
    return None


def _header_block(lines: list[str], start: int) -> bool:
    """A From line followed closely by at least two more header lines (Outlook, Apple forward, Gmail)."""
    window = lines[max(start - 3, 0) : start] + lines[start + 1 : start + 8]
    return sum(1 for ln in window if tp.HEADER_LINE_RE.match(ln)) >= 2


def _attribution_at(lines: list[str], end: int) -> int | None:
    """The first line of an attribution that ends on line ``end`` (it may wrap over a few lines)."""
    last = lines[end].rstrip()
    if not last.endswith((":", "：", ">")):
        return None
    if tp.QUOTED_RE.match(last) and tp.is_attribution(last) and _DETAIL_RE.search(last):
        return None  # a whole attribution inside the quote belongs to the quote
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


def _drop_trailing_quote(lines: list[str]) -> tuple[list[str], list[str]]:
    """Cut a quoted block that ends the text, with the attribution right above it."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and (tp.QUOTED_RE.match(lines[start - 1]) or not lines[start - 1].strip()):
        start -= 1
    if start == end or not any(tp.QUOTED_RE.match(ln) for ln in lines[start:end]):
        return lines, []
    first_quote = next(i for i in range(start, end) if lines[i].strip())
    if first_quote == 0:
        return lines, []
    above = start - 1
    if above >= 0 and (lines[above].rstrip().endswith(":") or "@" in lines[above]):
        start = above
    return lines[:start], lines[start:]


def _drop_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines):
        if i and (tp.SIGNATURE_RE.match(line) or tp.MOBILE_SIGNATURE_RE.match(line)) and _join(lines[:i]):
            return lines[:i], lines[i:]
    return lines, []


def _next_content(lines: list[str], start: int) -> int | None:
    for j in range(start, len(lines)):
        if lines[j].strip():
            return j
    return None


def _join(lines: list[str]) -> str:
    """Lines as text without blank lines around it (a first line's indentation is kept: it may be code)."""
    text = "\n".join(lines).rstrip()
    while text.startswith("\n") or (
        text[:1].isspace() and "\n" in text and not text.split("\n", 1)[0].strip()
    ):
        text = text.split("\n", 1)[1]
    return text if text.strip() else ""
