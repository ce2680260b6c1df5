"""Outlook winmail.dat (TNEF): the files, plain body and HTML body inside it."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail.attachment_names import plain_filename
from helpdesk.mail.attachments import named_file
from helpdesk.mail.model import Attachment, Problem
from helpdesk.mail.tnef_reader import read_tnef

UNNAMED = "unknown.dat"  # what tnefparse calls a file that nothing names


def is_tnef(part: Message, name: str | None) -> bool:
    ctype = part.get_content_type()
    return (
        ctype in ("application/ms-tnef", "application/vnd.ms-tnef") or (name or "").lower() == "winmail.dat"
    )


def unpack_tnef(data: bytes, problems: list[Problem]) -> tuple[list[Attachment], str, str] | None:
    """The files, plain body and HTML body inside a winmail.dat, or None when it is no TNEF stream."""
    try:
        message = read_tnef(data)
    except Exception as error:  # noqa: BLE001 - a reader bug must not cost the file itself
        problems.append(Problem("tnef_unreadable", f"winmail.dat kept as is: {type(error).__name__}"))
        return None
    if message is None:
        problems.append(Problem("tnef_unreadable", "winmail.dat kept as is: no TNEF signature"))
        return None
    if message.bad_checksums:
        detail = f"winmail.dat read although {message.bad_checksums} attribute checksum(s) are wrong"
        problems.append(Problem("tnef_checksum", detail))
    files = [named_file(shown_name(item.shown_name()), item.data) for item in message.files]
    return files, message.body, message.html


def shown_name(name: str) -> str:
    """The name as tnefparse gives it, with any path cut off and invisible or control characters taken out."""
    name = re.split(r"[/\\]", name.strip("\x00"))[-1]
    return plain_filename(name).strip()[:255] or UNNAMED
