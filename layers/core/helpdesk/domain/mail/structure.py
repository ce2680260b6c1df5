"""Which MIME leaves are the text body, the HTML body and the attachments, chosen the way mail clients do.

The selection follows the JMAP algorithm (RFC 8621, section 4.1.4), which mirrors what common clients show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message

from helpdesk.domain.mail.charsets import codec_for
from helpdesk.domain.mail.encoded_words import raw_to_text
from helpdesk.domain.mail.limits import Budget

_MEDIA = ("image/", "audio/", "video/")
_MAX_DECODED_FIELDS = 1000


@dataclass
class Layout:
    text: list[Message] = field(default_factory=list)
    html: list[Message] = field(default_factory=list)
    attachments: list[Message] = field(default_factory=list)  # in document order


def is_leaf(part: Message) -> bool:
    return not isinstance(part.get_payload(), list) or part.get_content_maintype() == "message"


def prepare_parts(root: Message, budget: Budget) -> None:
    """Walk the whole tree once, without recursion: enforce the limits, decode raw 8-bit header values."""
    parts: list[Message] = []
    stack: list[tuple[Message, int]] = [(root, 0)]
    while stack:
        part, depth = stack.pop()
        budget.add_part(depth)
        parts.append(part)
        payload = part.get_payload()
        if isinstance(payload, list):
            stack.extend((child, depth + 1) for child in payload if isinstance(child, Message))
    hints = charset_hints(parts)
    for part in parts:
        decode_raw_headers(part, hints)


def charset_hints(parts: list[Message]) -> tuple[str, ...]:
    """The charsets a mail declares, non-Western first: raw 8-bit headers are most likely in one of them."""
    found: list[str] = []
    for part in parts:
        codec = (
            codec_for(str(part.get_param("charset") or ""))
            if "charset" in str(part.get("content-type", ""))
            else None
        )
        if codec and codec not in found and codec not in ("ascii", "utf-8"):
            found.append(codec)
    return tuple(sorted(found, key=lambda c: c in ("cp1252", "iso8859-15", "latin-1")))


def content_type(part: Message) -> str:
    if not is_leaf(part) or part.get_content_maintype() != "multipart":
        return part.get_content_type()
    return "text/plain"  # a multipart whose boundary was never found: its body is plain text


def disposition(part: Message) -> str | None:
    value = part.get("content-disposition")
    if value is None:
        return None
    return str(value).split(";", 1)[0].strip().lower() or None


def has_name(part: Message) -> bool:
    return bool(part.get_param("filename", header="content-disposition") or part.get_param("name"))


def layout(root: Message) -> Layout:
    result = Layout()
    text: list[Message] | None = result.text
    html: list[Message] | None = result.html
    if is_leaf(root):
        _walk([root], "mixed", False, html, text, result.attachments)
    else:
        _walk(_children(root), root.get_content_subtype(), root.get_content_subtype() == "alternative",
              html, text, result.attachments)  # fmt: skip
    used = {id(p) for p in result.text + result.html if not content_type(p).startswith(_MEDIA)}
    chosen = {id(a) for a in result.attachments}
    result.attachments = [p for p in leaves(root) if id(p) not in used and (id(p) in chosen or _is_media(p))]
    return result


def leaves(root: Message) -> list[Message]:
    """Leaf parts in document order; a nested message is one leaf."""
    found: list[Message] = []
    stack = [root]
    while stack:
        part = stack.pop()
        if is_leaf(part):
            found.append(part)
        else:
            stack.extend(reversed(_children(part)))
    return found


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []


def _is_media(part: Message) -> bool:
    return content_type(part).startswith(_MEDIA)


def _walk(
    parts: list[Message],
    multipart: str,
    in_alternative: bool,
    html: list[Message] | None,
    text: list[Message] | None,
    attachments: list[Message],
) -> None:
    text_len = len(text) if text is not None else -1
    html_len = len(html) if html is not None else -1
    for i, part in enumerate(parts):
        ctype = content_type(part)
        if not is_leaf(part):
            sub = part.get_content_subtype()
            _walk(_children(part), sub, in_alternative or sub == "alternative", html, text, attachments)
            continue
        inline = (
            disposition(part) != "attachment"
            and (ctype in ("text/plain", "text/html") or ctype.startswith(_MEDIA))
            and (i == 0 or (multipart != "related" and (ctype.startswith(_MEDIA) or not has_name(part))))
        )
        if not inline:
            attachments.append(part)
            continue
        if multipart == "alternative":
            if ctype == "text/plain" and text is not None:
                text.append(part)
            elif ctype == "text/html" and html is not None:
                html.append(part)
            else:
                attachments.append(part)
            continue
        if in_alternative:
            if ctype == "text/plain":
                html = None
            if ctype == "text/html":
                text = None
        if text is not None:
            text.append(part)
        if html is not None:
            html.append(part)
        if (text is None or html is None) and ctype.startswith(_MEDIA):
            attachments.append(part)
    if multipart == "alternative" and text is not None and html is not None:
        if text_len == len(text) and html_len != len(html):
            text.extend(html[html_len:])
        if html_len == len(html) and text_len != len(text):
            html.extend(text[text_len:])


def decode_raw_headers(part: Message, hints: tuple[str, ...] = ()) -> None:
    """Raw 8-bit header bytes would otherwise come back from the stdlib as U+FFFD; decode them ourselves."""
    items = list(part.raw_items())
    if len(items) > _MAX_DECODED_FIELDS or all(v.isascii() for _, v in items if isinstance(v, str)):
        return  # rewriting is quadratic in the field count: a mail with thousands of fields keeps them raw
    part.received_headers = items  # type: ignore[attr-defined]  # kept to re-serialise nested mails verbatim
    for name in {name for name, _ in items}:
        del part[name]
    for name, value in items:
        part[name] = raw_to_text(value, hints) if isinstance(value, str) else value
