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

from dataclasses import dataclass

from helpdesk.mail import trim_patterns as tp
from helpdesk.mail.html_reply import html_to_reply_text, html_to_text
from helpdesk.mail.trim_blocks import hide_blocks, restore_blocks
from helpdesk.mail.trim_embedded import find_embedded
from helpdesk.mail.trim_history import answer_below, history_start, split_glued_attribution
from helpdesk.mail.trim_signature import drop_signature


@dataclass(frozen=True)
class TrimResult:
    reply: str
    elided: str
    forwarded: str | None = None
    preface: str | None = None


def trim_reply(text: str) -> TrimResult:
    try:
        shown, hidden = hide_blocks(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        found = _trim("\n".join(shown))
        return TrimResult(
            restore_blocks(found.reply, hidden) or "",
            restore_blocks(found.elided, hidden) or "",
            restore_blocks(found.forwarded, hidden),
            restore_blocks(found.preface, hidden),
        )
    except Exception:  # noqa: BLE001 - a body this cannot read is kept whole
        return TrimResult(text.strip(), "")


def reply_from_html(html: str) -> str:
    """The new part of an HTML reply as plain text: quoting containers dropped, then trimmed as text.

    A mail that is all quote (a forward without a word of its own) is read whole: its forwarded body counts.
    """
    try:
        text = html_to_reply_text(html)
        return trim_reply(text if text.strip() else html_to_text(html)).reply
    except Exception:  # noqa: BLE001
        return ""


def _trim(text: str) -> TrimResult:
    lines = [piece for line in text.split("\n") for piece in split_glued_attribution(line)]
    embedded = find_embedded(lines)
    if embedded is None:
        reply, elided = _trim_lines(lines)
        return TrimResult(reply, elided)
    preface = _join(lines[: embedded.cut])
    inner = lines[embedded.start :]
    if embedded.quoted:
        inner = [tp.QUOTE_PREFIX_RE.sub("", ln, count=1) for ln in inner]
    forwarded = _join(inner)
    if preface:
        reply, elided = _trim_lines(lines[: embedded.cut])
        return TrimResult(reply, _join([elided, *lines[embedded.cut :]]), forwarded, preface)
    reply, elided = _trim_lines(lines[embedded.body :])
    return TrimResult(reply, _join([*lines[: embedded.body], elided]), forwarded, preface)


def _trim_lines(lines: list[str]) -> tuple[str, str]:
    cut = history_start(lines)
    if cut is not None and not _join(lines[: cut[0]]):
        # Nothing above the quote header: the sender wrote below it (bottom posting) or quoted nothing.
        rest = cut[1]
        while rest < len(lines) and (
            tp.QUOTED_RE.match(lines[rest]) or not lines[rest].strip() or _wrapped_into_quote(lines, rest)
        ):
            rest += 1
        if rest < len(lines):
            reply, elided = _trim_lines(lines[rest:])
            if reply and _interleaved(lines[cut[1] : rest], lines[rest:]):
                return _join([*lines[:rest], reply]), elided
            return reply, _join([*lines[:rest], elided])
        return "", _join(lines)
    answered = (
        answer_below(lines, cut[1])
        if cut and tp.QUOTED_RE.match(lines[cut[1]] if cut[1] < len(lines) else "")
        else None
    )
    if cut and answered is not None:
        # The sender wrote above the quote and answers below it too: both are the reply.
        above, above_elided = _trim_lines(lines[: cut[0]])
        below, below_elided = _trim_lines(lines[answered:])
        if not below or not _interleaved(lines[cut[1] : answered], lines[answered:]):
            return _join([above, "", below]), _join([above_elided, *lines[cut[0] : answered], below_elided])
        context = _join(lines[cut[0] : answered])
        return _join([above, "", context, "", below]), _join([above_elided, below_elided])
    body = lines[: cut[0]] if cut else list(lines)
    quoted = lines[cut[0] :] if cut else []
    body, tail = _drop_trailing_quote(body)
    body, signature = drop_signature(body)
    quoted = [tp.PIPE_QUOTE_RE.sub(lambda m: m.group(0).replace("|", ">"), ln) for ln in quoted]
    tail = [tp.PIPE_QUOTE_RE.sub(lambda m: m.group(0).replace("|", ">"), ln) for ln in tail]
    if quoted or tail:
        while body and (not body[-1].strip() or tp.RULE_RE.match(body[-1])):
            signature.insert(0, body.pop())  # the rule a client draws above the quoted history
    return _join(body), _join([*signature, *tail, *quoted])


def _wrapped_into_quote(lines: list[str], i: int) -> bool:
    """One unquoted line between quoted ones: a quoted line a client wrapped (a long link), no answer."""
    return 0 < i < len(lines) - 1 and all(tp.QUOTED_RE.match(lines[j]) for j in (i - 1, i + 1))


def _interleaved(quote: list[str], after: list[str]) -> bool:
    """Inline answers: the sender's words below a quote are followed by another quote. Then the quotes they
    answer are context and stay in the reply; a single quote answered below (bottom posting) is history."""
    return any(tp.QUOTED_RE.match(ln) for ln in quote) and any(tp.QUOTED_RE.match(ln) for ln in after)


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


def _join(lines: list[str]) -> str:
    """Lines as text without blank lines around it (a first line's indentation is kept: it may be code)."""
    text = "\n".join(lines).rstrip()
    while text.startswith("\n") or (
        text[:1].isspace() and "\n" in text and not text.split("\n", 1)[0].strip()
    ):
        text = text.split("\n", 1)[1]
    return text if text.strip() else ""
