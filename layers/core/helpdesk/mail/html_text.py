"""HTML to readable plain text: paragraphs, line breaks, lists, links, tables, entities."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

from helpdesk.mail.limits import LimitExceeded

_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "form", "fieldset",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "table", "tr", "blockquote",
    "pre", "address", "figure", "figcaption", "center", "hr", "body", "html", "details", "summary",
    "caption", "thead", "tbody", "tfoot",
}  # fmt: skip
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "hr"}
_HIDDEN = {"script", "style", "head", "title", "template", "noscript", "object", "iframe", "svg"}
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


class _TextWriter(HTMLParser):
    def __init__(self, deadline: float | None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # per open list: [next number] or [] when unordered
        self.links: list[str | None] = []
        self.cells = 0
        self.deadline = deadline
        self.events = 0

    def _tick(self) -> None:
        self.events += 1
        if self.deadline and self.events % 2000 == 0 and time.monotonic() > self.deadline:
            raise LimitExceeded("limit_time", "HTML conversion ran out of time")

    def _newline(self, blank: bool = False) -> None:
        want = "\n\n" if blank else "\n"
        tail = "".join(self.out[-2:])
        if not self.out or tail.endswith(want):
            return
        self.out.append("\n" if tail.endswith("\n") else want)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tick()
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self._newline()
            numbers = self.lists[-1] if self.lists else []
            marker = f"{numbers[0]}. " if numbers else "- "
            if numbers:
                numbers[0] += 1
            self.out.append("  " * max(len(self.lists) - 1, 0) + marker)
        elif tag in ("ul", "ol"):
            self._newline(blank=not self.lists)
            self.lists.append([_start(attrs)] if tag == "ol" else [])
        elif tag in ("td", "th"):
            if self.cells:
                self.out.append("\t")
            self.cells += 1
        elif tag == "tr":
            self._newline()
            self.cells = 0
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
            self.out.append("")
        elif tag in _BLOCK:
            self._newline(blank=tag in _PARAGRAPH)
            if tag == "pre":
                self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            return
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._tick()
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._newline(blank=not self.lists)
        elif tag == "a" and self.links:
            href = self.links.pop() or ""
            if href.startswith(("http://", "https://")) and href not in "".join(self.out[-3:]):
                self.out.append(f" <{href}>")
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
            self._newline(blank=True)
        elif tag in _BLOCK or tag == "li":
            self._newline(blank=tag in _PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self._tick()
        if not self.pre:
            data = _SPACES.sub(" ", data)
            if data == " " and (not self.out or self.out[-1].endswith((" ", "\n", "\t"))):
                return
        self.out.append(data)


def _start(attrs: list[tuple[str, str | None]]) -> int:
    try:
        return int(dict(attrs).get("start") or 1)
    except ValueError:
        return 1


def _trim(line: str) -> str:
    line = line.rstrip(" ")
    return line[1:] if line.startswith(" ") and not line.startswith("  ") else line


def html_to_text(html: str, deadline: float | None = None) -> str:
    writer = _TextWriter(deadline)
    writer.feed(html)
    writer.close()
    lines = [_trim(line) for line in "".join(writer.out).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
