"""File names for attachments: RFC 2231/2047 decoded, path-free; readable unique names for unnamed parts."""

from __future__ import annotations

import mimetypes
import re
from email.message import Message

from helpdesk.mail.charsets import decode_bytes
from helpdesk.mail.encoded_words import decode_words
from helpdesk.mail.headers import text_field
from helpdesk.mail.structure import sub_parts

_QUOTED_PAIR = re.compile(r"\\(.)")
_QUOTED_PARAMS = {
    name: re.compile(rf'(?i)(?:^|;)\s*{name}\s*=\s*"((?:[^"\\]|\\.)*)"') for name in ("filename", "name")
}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f/\\]+")
# Invisible format characters: bidi overrides and isolates (U+202E shows "cod.exe" as "exe.doc"), zero-width.
_INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+")
_KIND_WORDS = {"text": "document", "image": "image", "video": "video", "audio": "audio", "message": "message"}
_CID_NAME = re.compile(r"^([^@\s]+\.[A-Za-z0-9]{2,5})@")


def name_for_unnamed(part: Message, ctype: str, cid: str | None, taken: set[str]) -> str:
    """A readable, unique name for a part that has none: nested subject, Content-ID, description or kind."""
    if ctype == "message/rfc822":
        stem = _nested_subject(part) or safe_name(text_field(part.get("content-description"))) or "message"
        return _unique(stem, ".eml", taken)
    from_cid = _CID_NAME.match(cid or "")
    if from_cid and not ctype.startswith("text/"):
        return _unique(*_split(safe_name(from_cid.group(1))), taken)
    if part.get("content-type") is None and not ctype.startswith("text/"):
        return _unique("file", "", taken)
    described = safe_name(text_field(part.get("content-description")))
    stem = described or (
        "calendar" if ctype == "text/calendar" else _KIND_WORDS.get(ctype.split("/")[0], "file")
    )
    return _unique(stem, _extension(ctype), taken)


def _unique(stem: str, ext: str, taken: set[str]) -> str:
    name, number = stem + ext, 0
    while name in taken:
        number += 1
        name = f"{stem}{number}{ext}"
    return name


def _split(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    return (stem, dot + ext) if stem else (name, "")


def safe_name(text: str) -> str:
    return plain_filename(text)[:120].strip(" .\"'")


def plain_filename(name: str) -> str:
    """A file name that shows as it is: no controls, no path separators, no bidi or zero-width characters."""
    return _UNSAFE.sub("_", _INVISIBLE.sub("", name))


def filename(part: Message) -> str | None:
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        value = part.get_param(param, header=header)
        if isinstance(value, tuple):  # RFC 2231: (charset, language, percent-decoded text)
            charset, _, text = value
            try:
                name = decode_bytes(str(text).encode("latin-1"), charset or "utf-8")
            except UnicodeEncodeError:  # already text (raw 8-bit header decoded earlier)
                name = str(text)
        elif value:
            name = decode_words(_quoted_value(str(part.get(header, "")), param) or str(value))
        else:
            continue
        name = re.split(r"[/\\]", name.replace("\r", "").replace("\n", ""))[-1]
        name = plain_filename(name).strip(" ._")
        if name:
            return name
    return None


def _quoted_value(header: str, param: str) -> str | None:
    """A quoted parameter with its backslash escapes undone, which the stdlib leaves half done."""
    found = _QUOTED_PARAMS[param].search(header)
    return _QUOTED_PAIR.sub(r"\1", found.group(1)) if found else None


def _nested_subject(part: Message) -> str:
    inner = sub_parts(part)
    if inner:
        return safe_name(text_field(inner[0].get("subject")))
    return ""


def _extension(ctype: str) -> str:
    if ctype in ("text/html", "text/calendar", "message/rfc822"):
        return {"text/html": ".html", "text/calendar": ".ics", "message/rfc822": ".eml"}[ctype]
    if ctype.startswith(("text/", "message/")):
        return ".txt"
    if ctype == "image/jpg":
        return ".jpg"
    return mimetypes.guess_extension(ctype) or ".bin"
