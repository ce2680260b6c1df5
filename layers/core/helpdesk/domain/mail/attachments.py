"""Attachments and inline parts: decoded bytes, names from RFC 2231/2047 (or raw 8-bit), TNEF unpacked."""

from __future__ import annotations

import hashlib
import mimetypes
import re
from email.generator import BytesGenerator
from email.message import Message
from email.policy import compat32
from io import BytesIO

from helpdesk.domain.mail.charsets import decode_bytes
from helpdesk.domain.mail.encoded_words import decode_words
from helpdesk.domain.mail.headers import text_field
from helpdesk.domain.mail.limits import Budget
from helpdesk.domain.mail.model import Attachment, Problem
from helpdesk.domain.mail.structure import content_type, disposition
from helpdesk.domain.mail.transfer import decode_transfer

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


class _VerbatimGenerator(BytesGenerator):
    """Writes header fields as they were received: the stdlib generator would re-fold long ones."""

    def _write_headers(self, msg: Message) -> None:
        linesep = self._NL  # type: ignore[attr-defined]
        self._fp.write(_header_lines(msg, linesep) + linesep.encode("ascii"))  # type: ignore[attr-defined]


def _header_lines(msg: Message, linesep: str) -> bytes:
    items = getattr(msg, "received_headers", None) or list(msg.raw_items())
    lines = [f"{name}: {value}" if value else f"{name}:" for name, value in items]
    return b"".join(line.encode("utf-8", "surrogateescape") + linesep.encode("ascii") for line in lines)


def part_bytes(part: Message, budget: Budget, linesep: str = "\n") -> bytes:
    """The transfer-decoded content of a leaf; a nested message is serialised back to its bytes."""
    payload = part.get_payload()
    if isinstance(payload, list):
        blocks = [inner for inner in payload if isinstance(inner, Message)]
        if part.get_content_type() in ("message/delivery-status", "message/disposition-notification"):
            data = linesep.encode("ascii").join(_header_lines(block, linesep) for block in blocks)
        else:
            data = b"".join(_serialise(inner, linesep) for inner in blocks)
    else:
        # The raw payload, not get_payload(): that one re-decodes 8-bit text with 'replace' and loses bytes.
        stored = getattr(part, "_payload", payload)
        raw = stored.encode("utf-8", "surrogateescape") if isinstance(stored, str) else b""
        data = decode_transfer(raw, part.get("content-transfer-encoding"))
    budget.add_decoded(len(data))
    return data


def _serialise(msg: Message, linesep: str) -> bytes:
    out = BytesIO()
    try:
        _VerbatimGenerator(out, mangle_from_=False, policy=compat32.clone(linesep=linesep)).flatten(msg)
        return out.getvalue()
    except (
        UnicodeError,
        LookupError,
        ValueError,
    ):  # headers we decoded to text no longer fit the byte writer
        return msg.as_string(policy=compat32.clone(linesep=linesep)).encode("utf-8", "surrogateescape")


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
            name = decode_words(str(value))
        else:
            continue
        name = re.split(r"[/\\]", name.replace("\r", "").replace("\n", ""))[-1]
        name = _UNSAFE.sub("_", name).strip(" ._")
        if name:
            return name
    return None


def make_attachment(part: Message, data: bytes, taken: set[str], inline_default: bool) -> Attachment:
    ctype = content_type(part)
    cid = text_field(part.get("content-id")).strip("<> ") or None
    name = filename(part) or _name_for_unnamed(part, ctype, cid, taken)
    taken.add(name)
    disp = disposition(part)
    if disp not in ("inline", "attachment"):
        disp = "inline" if inline_default or (cid and ctype.startswith("image/")) else "attachment"
    return Attachment(
        filename=name,
        content_type=ctype,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content_id=cid,
        disposition=disp,
        content=data,
    )


_KIND_WORDS = {"text": "document", "image": "image", "video": "video", "audio": "audio", "message": "message"}
_CID_NAME = re.compile(r"^([^@\s]+\.[A-Za-z0-9]{2,5})@")


def _name_for_unnamed(part: Message, ctype: str, cid: str | None, taken: set[str]) -> str:
    """A readable, unique name for a part that has none: nested subject, Content-ID, description or kind."""
    if ctype == "message/rfc822":
        stem = _nested_subject(part) or _safe(text_field(part.get("content-description"))) or "message"
        return _unique(stem, ".eml", taken)
    from_cid = _CID_NAME.match(cid or "")
    if from_cid and not ctype.startswith("text/"):
        return _unique(*_split(_safe(from_cid.group(1))), taken)
    if part.get("content-type") is None and not ctype.startswith("text/"):
        return _unique("file", "", taken)
    described = _safe(text_field(part.get("content-description")))
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


def _safe(text: str) -> str:
    return _UNSAFE.sub("_", text)[:120].strip(" .\"'")


def is_tnef(part: Message, name: str | None) -> bool:
    ctype = part.get_content_type()
    return (
        ctype in ("application/ms-tnef", "application/vnd.ms-tnef") or (name or "").lower() == "winmail.dat"
    )


def unpack_tnef(data: bytes, problems: list[Problem]) -> tuple[list[Attachment], str, str] | None:
    """The files, plain body and HTML body inside a winmail.dat, or None when it cannot be read."""
    try:
        from tnefparse import TNEF  # lazy: rare, and a noticeable import

        tnef = TNEF(data, do_checksum=False)
        files = []
        for item in tnef.attachments:
            name = _tnef_name(item)
            content = bytes(item.data or b"")
            files.append(
                Attachment(
                    filename=name,
                    content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    content_id=None,
                    disposition="attachment",
                    content=content,
                )
            )
        return files, _as_text(tnef.body), _as_text(tnef.htmlbody)
    except Exception as error:  # tnefparse raises many kinds of errors on damaged blobs
        problems.append(Problem("tnef_unreadable", f"winmail.dat kept as is: {type(error).__name__}"))
        return None


def _tnef_name(item: object) -> str:
    try:
        name = item.long_filename()  # type: ignore[attr-defined]
    except Exception:
        name = getattr(item, "name", None)
    if isinstance(name, bytes):
        name = decode_bytes(name, None)
    return _UNSAFE.sub("_", str(name or "attachment").strip("\x00 ")) or "attachment"


def _as_text(value: object) -> str:
    if not value:
        return ""
    if isinstance(value, bytes):
        return decode_bytes(value, None)
    if isinstance(value, list):
        return "".join(_as_text(v) for v in value)
    return str(value)


def _nested_subject(part: Message) -> str:
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        return _safe(text_field(payload[0].get("subject")))
    return ""


def uu_attachment(name: str, block: str, budget: Budget) -> Attachment:
    from helpdesk.domain.mail.transfer import decode_uu

    data, _ = decode_uu(block.encode("latin-1", "replace"))
    budget.add_decoded(len(data))
    safe = _UNSAFE.sub("_", name).strip(" ._") or "attachment"
    return Attachment(
        filename=safe,
        content_type=mimetypes.guess_type(safe)[0] or "application/octet-stream",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content_id=None,
        disposition="attachment",
        content=data,
    )


def _extension(ctype: str) -> str:
    if ctype in ("text/html", "text/calendar", "message/rfc822"):
        return {"text/html": ".html", "text/calendar": ".ics", "message/rfc822": ".eml"}[ctype]
    if ctype.startswith(("text/", "message/")):
        return ".txt"
    if ctype == "image/jpg":
        return ".jpg"
    return mimetypes.guess_extension(ctype) or ".bin"
