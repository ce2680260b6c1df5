"""Which MIME leaves are the text body, the HTML body and the attachments, chosen the way mail clients do.

The selection follows the JMAP algorithm (RFC 8621, section 4.1.4), which mirrors what common clients show,
with one addition clients make: a message/rfc822 part marked `Content-Disposition: inline` is shown in the
body (its header block, then its own bodies) and stays an attachment, so nothing inside it is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message

_MEDIA = ("image/", "audio/", "video/")
_SHOWN_HEADERS = ("From", "Date", "Subject", "To", "Cc")


@dataclass
class Layout:
    text: list[Message] = field(default_factory=list)
    html: list[Message] = field(default_factory=list)
    attachments: list[Message] = field(default_factory=list)  # in document order


def is_leaf(part: Message) -> bool:
    return not part.is_multipart() or part.get_content_maintype() == "message"


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
    # A part cut off by the end of the mail is offered as an attachment, unless it is the only text there is.
    result = _select(root, skip_unterminated=True)
    if not any(content_type(p).startswith("text/") for p in result.text + result.html):
        result = _select(root, skip_unterminated=False)
    return result


def _select(root: Message, skip_unterminated: bool) -> Layout:
    result = Layout()
    text: list[Message] | None = result.text
    html: list[Message] | None = result.html
    children, subtype = ([root], "mixed") if is_leaf(root) else (sub_parts(root), root.get_content_subtype())
    _walk(children, subtype, subtype == "alternative", html, text, result.attachments, skip_unterminated)
    used = {id(p) for p in result.text + result.html if not _is_media(p) and not _is_inline_message(p)}
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
            stack.extend(reversed(sub_parts(part)))
    return found


def sub_parts(part: Message) -> list[Message]:
    """The entities inside a multipart or nested message; [] for a leaf, whose payload stays undecoded."""
    if not part.is_multipart():  # get_payload() on a leaf would decode it, and can raise on odd charsets
        return []
    return [p for p in part.get_payload() if isinstance(p, Message)]


def _is_media(part: Message) -> bool:
    return content_type(part).startswith(_MEDIA)


def _is_inline_message(part: Message) -> bool:
    return content_type(part) == "message/rfc822" and disposition(part) == "inline"


def header_block(msg: Message) -> str:
    """The header lines a client shows above an embedded message."""
    from helpdesk.mail.headers import text_field

    lines = [f"{name}: {text_field(msg.get(name))}" for name in _SHOWN_HEADERS if msg.get(name) is not None]
    return "\n".join(lines)


def _walk(
    parts: list[Message],
    multipart: str,
    in_alternative: bool,
    html: list[Message] | None,
    text: list[Message] | None,
    attachments: list[Message],
    skip_unterminated: bool,
) -> None:
    text_len = len(text) if text is not None else -1
    html_len = len(html) if html is not None else -1
    for i, part in enumerate(parts):
        ctype = content_type(part)
        if not is_leaf(part):
            sub = part.get_content_subtype()
            _walk(
                sub_parts(part),
                sub,
                in_alternative or sub == "alternative",
                html,
                text,
                attachments,
                skip_unterminated,
            )
            continue
        inline = (
            disposition(part) != "attachment"
            and not (skip_unterminated and getattr(part, "unterminated", False))
            and (ctype in ("text/plain", "text/html") or ctype.startswith(_MEDIA) or _is_inline_message(part))
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
        if ((text is None or html is None) and ctype.startswith(_MEDIA)) or _is_inline_message(part):
            attachments.append(part)
    if multipart == "alternative" and text is not None and html is not None:
        if text_len == len(text) and html_len != len(html):
            text.extend(html[html_len:])
        if html_len == len(html) and text_len != len(text):
            html.extend(text[text_len:])
