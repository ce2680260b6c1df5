"""Code blocks and lists a reply writes are never cut: they are hidden from the trimmer's markers and
restored afterwards, so `---` in pasted YAML or `From:` lines in pasted headers stay the sender's words."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+•]|\d{1,3}[.)])[ \t]+\S")
_CONTINUATION = re.compile(r"^(?: {2,}|\t)\S")
_TOKEN = re.compile("\ue010(\\d+)\ue011")


def hide_blocks(lines: list[str]) -> tuple[list[str], list[str]]:
    """Each line of a fenced code block or a list replaced by an opaque token; and the lines hidden."""
    shown, hidden = [], []
    fence = ""
    in_list = False
    for line in lines:
        opened = _FENCE.match(line)
        if fence or opened:
            if not fence:
                fence = opened.group(1) if opened else ""
            elif line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = "\0"  # the closing fence belongs to the block too
        in_list = bool(_LIST_ITEM.match(line)) or (in_list and bool(_CONTINUATION.match(line)))
        if fence or in_list:
            hidden.append(line)
            shown.append(f"\ue010{len(hidden) - 1}\ue011")
        else:
            shown.append(line)
        if fence == "\0":
            fence = ""
    return shown, hidden


def restore_blocks(text: str | None, hidden: list[str]) -> str | None:
    if text is None or not hidden:
        return text
    return _TOKEN.sub(lambda m: hidden[int(m.group(1))], text)
