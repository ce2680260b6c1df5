"""Outlook winmail.dat (TNEF): the files, plain body and HTML body inside it."""

from __future__ import annotations

from email.message import Message

from helpdesk.mail.attachment_names import safe_name
from helpdesk.mail.attachments import named_file
from helpdesk.mail.charsets import decode_bytes
from helpdesk.mail.model import Attachment, Problem


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
        files = [named_file(_tnef_name(item), bytes(item.data or b"")) for item in tnef.attachments]
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
    return safe_name(str(name or "").strip("\x00 ")) or "attachment"


def _as_text(value: object) -> str:
    if not value:
        return ""
    if isinstance(value, bytes):
        return decode_bytes(value, None)
    if isinstance(value, list):
        return "".join(_as_text(v) for v in value)
    return str(value)
