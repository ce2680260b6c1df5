"""Text of body parts: charset decoding, format=flowed, and the text and HTML bodies a client would show."""

from __future__ import annotations

import html as html_lib
import re
from email.message import Message

from helpdesk.mail.charsets import decode_bytes
from helpdesk.mail.model import Problem

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_UU_BLOCK = re.compile(r"^begin [0-7]{3,4} (\S[^\n]*)\n(.*?)^end$", re.M | re.S)


def part_text(part: Message, data: bytes, problems: list[Problem]) -> str:
    """The part's decoded bytes as text, newlines normalised to LF."""
    label = part.get_param("charset")
    if isinstance(label, tuple):
        label = label[2]
    label = str(label) if label else None
    if not label and part.get_content_type() == "text/html":
        meta = _META_CHARSET.search(data[:4096])
        label = meta.group(1).decode("ascii") if meta else None
    text = decode_bytes(data, label, problems)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_type() == "text/plain" and str(part.get_param("format") or "").lower() == "flowed":
        text = unflow(text, str(part.get_param("delsp") or "").lower() == "yes")
    return text


def unflow(text: str, delsp: bool) -> str:
    """RFC 3676: join soft-broken lines (ending in a space) back into paragraphs."""
    out: list[str] = []
    current = ""
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" ") and line != "-- " and not line.startswith(">"):
            current += line[:-1] if delsp else line
            continue
        out.append(current + line)
        current = ""
    if current:
        out.append(current)
    return "\n".join(out)


def text_as_html(text: str) -> str:
    return f'<div style="white-space: pre-wrap">{html_lib.escape(text)}</div>'


def split_uuencoded(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Files uuencoded inside a plain body (`begin 644 name` ... `end`): the rest of the text, the files."""
    if "begin " not in text:
        return text, []
    found = [(m.group(1).strip(), m.group(2)) for m in _UU_BLOCK.finditer(text)]
    return (_UU_BLOCK.sub("", text).rstrip() + "\n", found) if found else (text, [])
