"""Headers of the mail a bounce returns, wherever the notice put it."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail.mailparts import children, content_type, header, part_text, walk_top


def quoted_header(text: str, name: str) -> str:
    found = re.search(rf"^[ \t>]*{name}:[ \t]*(.*)$", text, re.IGNORECASE | re.MULTILINE)
    return found.group(1) if found else ""


def original_header(msg: Message, name: str) -> str:
    """A header of the returned mail (attached as message/rfc822 or text/rfc822-headers)."""
    for part in walk_top(msg):
        ctype = content_type(part)
        if ctype == "message/rfc822":
            inner = children(part)
            if inner:
                return header(inner[0], name)
        if ctype == "text/rfc822-headers":
            found = quoted_header(part_text(part), name)
            if found:
                return found
    return ""
