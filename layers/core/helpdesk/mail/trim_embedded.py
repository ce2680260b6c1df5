"""Where a mail embeds another one: a forward, or the quoted original under Outlook's header block."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.mail import trim_patterns as tp

_MIN_HEADERS = 3


@dataclass(frozen=True)
class Embedded:
    cut: int  # first line that is no longer the sender's own (a marker, a rule, or the header block)
    start: int  # first line of the embedded mail
    body: int  # first line of the embedded mail's body
    quoted: bool  # the client embedded it as a quote ("> " lines), as Apple Mail forwards


def find_embedded(lines: list[str]) -> Embedded | None:
    """An embedded mail: a run of header lines (From/Date/Subject ... in many languages) followed by its text,
    else a forward or original-message marker followed by content."""
    for i, line in enumerate(lines):
        if tp.HEADER_LINE_RE.match(line) and _header_count(lines, i) >= _MIN_HEADERS:
            end = _block_end(lines, i)
            if _has_content(lines, end):
                return Embedded(_cut_above(lines, i), i, end, False)
    for i, line in enumerate(lines):
        if tp.EMBED_MARKER_RE.match(line) and _has_content(lines, i + 1):
            quoted = any(tp.QUOTED_RE.match(ln) for ln in lines[i + 1 : i + 4] if ln.strip())
            return Embedded(i, i + 1, i + 1, quoted)
    return None


def _header_count(lines: list[str], start: int) -> int:
    """Header lines in the block from ``start`` (wrapped values and blank lines between headers allowed)."""
    count = 0
    for line in lines[start : _block_end(lines, start)]:
        count += bool(tp.HEADER_LINE_RE.match(line))
    return count


def _block_end(lines: list[str], start: int) -> int:
    end = start
    while end < len(lines):
        if not lines[end].strip():
            after = next((j for j in range(end, min(end + 3, len(lines))) if lines[j].strip()), None)
            if after is None or not tp.HEADER_LINE_RE.match(lines[after]):
                break
            end = after
        end += 1
    return end


def _has_content(lines: list[str], start: int) -> bool:
    return any(ln.strip() for ln in lines[start:])


def _cut_above(lines: list[str], start: int) -> int:
    """Include the marker, rule and blank lines right above a header block in what is cut."""
    cut = start
    while cut and (
        not lines[cut - 1].strip()
        or tp.EMBED_MARKER_RE.match(lines[cut - 1])
        or tp.DELIMITER_RE.match(lines[cut - 1])
    ):
        cut -= 1
    while cut < start and not lines[cut].strip():
        cut += 1
    return cut
