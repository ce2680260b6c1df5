"""Signatures at the end of a reply: a "-- " line, a dash and a name, and the lines mail apps add."""

from __future__ import annotations

from helpdesk.mail import trim_patterns as tp


def drop_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """Cut at a "-- " signature; drop the lines mail apps add ("Sent from my iPhone") wherever they stand."""
    kept: list[str] = []
    dropped: list[str] = []
    last_text = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for i, line in enumerate(lines):
        if kept and (tp.SIGNATURE_RE.match(line) or _dash_signoff(lines, i)) and _has_text(kept):
            return kept, [*dropped, *lines[i:]]
        if tp.MOBILE_SIGNATURE_RE.match(tp.LINK_RE.sub(r"\1", line)) and (_has_text(kept) or i < last_text):
            dropped.append(line)
        else:
            kept.append(line)
    return kept, dropped


_MAX_LINES_UNDER_SIGNOFF = 3


def _dash_signoff(lines: list[str], i: int) -> bool:
    """A dash and a name ("-Ann") opening the last few lines (name, title, phone); not a dashed list."""
    if not tp.DASH_SIGNOFF_RE.match(lines[i]) or lines[i].lstrip("- ")[:1].islower():
        return False
    above = lines[i - 1].strip() if i else ""
    if above.startswith("-") or (above and not above.endswith(",")):
        return False
    under = 0
    for j in range(i + 1, len(lines)):  # by index: stops early without copying the rest
        if not lines[j].strip():
            continue
        under += 1
        if lines[j].lstrip().startswith("-") or under > _MAX_LINES_UNDER_SIGNOFF:
            return False
    return True


def _has_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)
