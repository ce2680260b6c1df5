"""HTML replies as plain text, without the containers in which mail clients put the quoted history."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from helpdesk.mail.trim_languages import alternatives

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "tr",
        "li",
        "ul",
        "ol",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "dl",
        "dt",
        "dd",
    }
)
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"})
_SKIP_CONTENT = frozenset({"script", "style", "head", "title", "template"})
_QUOTE_CLASSES = frozenset(
    {
        "gmail_quote",
        "moz-cite-prefix",
        "yahoo_quoted",
        "protonmail_quote",
        "zmail_extra",
        "tutanota_quote",
        "gmail_attr",
        "mail-quote-collapse",
    }
)
# Elements after which everything is the quoted original (Outlook desktop and web).
_CUT_IDS = frozenset(
    {"divrplyfwdmsg", "appendonsend", "olk_src_body_section", "mail-editor-reference-message-container"}
)
# Outlook 2007-2013's rule above the header block, and Windows Mail's.
_OUTLOOK_BORDER_RE = re.compile(
    r"border-top:\s*solid\s+#(?:e1e1e1|b5c4df)|border-top-color:\s*rgb\(229,\s*229,\s*229\)", re.IGNORECASE
)
_HR_HEADER_RE = re.compile(
    rf"<hr\b[^>]*>(?:\s|<[^>]+>)*(?:{alternatives('sender')}|{alternatives('fields')})\s*[:：]",
    re.IGNORECASE,
)
_BLANKS_RE = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")


class _ReplyText(HTMLParser):
    """Text of the HTML; known quote containers skipped (unless told to keep them), other blockquotes kept
    as "> " lines for the trimmer."""

    def __init__(self, strip_quotes: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.strip_quotes = strip_quotes
        self.out: list[str] = []
        self.stack: list[str] = []
        self.skip_depth: int | None = None
        self.stopped = False
        self.quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stopped:
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag not in _VOID_TAGS:
            self.stack.append(tag)
        if self.skip_depth is not None:
            return
        if tag in _SKIP_CONTENT:
            self.skip_depth = len(self.stack)
            return
        classes = set(values.get("class", "").lower().split())
        element_id = values.get("id", "").lower()
        if self.strip_quotes and (
            element_id in _CUT_IDS
            or _OUTLOOK_BORDER_RE.search(values.get("style", ""))
            or values.get("data-marker") == "__DIVIDER__"  # Zimbra's rule above the quoted mail
        ):
            self.stopped = True
            return
        cited = tag == "blockquote" and values.get("type", "").lower() == "cite"
        if self.strip_quotes and (cited or classes & _QUOTE_CLASSES or element_id.startswith("yahoo_quoted")):
            self.skip_depth = len(self.stack) if tag not in _VOID_TAGS else None
            return
        if tag == "blockquote":
            self.quote_depth += 1
            self._newline()
        elif tag == "br":
            self._newline(always=True)
        elif tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if self.stopped or tag in _VOID_TAGS:
            return
        if tag in self.stack:
            while self.stack:
                popped = self.stack.pop()
                if self.skip_depth is not None and len(self.stack) < self.skip_depth:
                    self.skip_depth = None
                    return
                if popped == "blockquote" and self.skip_depth is None and self.quote_depth:
                    self.quote_depth -= 1
                    self._newline()
                if popped == tag:
                    break
        if self.skip_depth is None and tag in _BLOCK_TAGS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.stopped or self.skip_depth is not None:
            return
        if self.quote_depth:
            data = data.replace("\n", " ")
        self.out.append(data)

    def _newline(self, always: bool = False) -> None:
        prefix = "> " * self.quote_depth
        if always or not self.out or not self.out[-1].endswith("\n" + prefix):
            self.out.append("\n" + prefix)


def html_to_reply_text(html: str) -> str:
    """Readable text of the HTML without the quoted history that clients wrap in known containers."""
    found = _HR_HEADER_RE.search(html)
    if found:
        # Outlook Web and Yahoo put "<hr>From: ..." inside the block that holds the sender's last line.
        block = html.rfind("<div", 0, found.start())
        shorter = _text(html[:block]) if block >= 0 else ""
        return shorter or _text(html[: found.start()])
    return _text(html)


def html_to_text(html: str) -> str:
    """Readable text of the whole HTML, quoted parts as "> " lines."""
    return _text(html, strip_quotes=False)


def _text(html: str, strip_quotes: bool = True) -> str:
    parser = _ReplyText(strip_quotes)
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - broken markup: keep what was read
        pass
    lines = [_BLANKS_RE.sub(" ", ln).strip() for ln in "".join(parser.out).split("\n")]
    return _MANY_NEWLINES_RE.sub("\n\n", "\n".join(lines)).strip()
