"""Attachment value objects from MIME leaves and from files uuencoded inside a plain body."""

from __future__ import annotations

import hashlib
import mimetypes
from email.message import Message

from helpdesk.mail.attachment_names import filename, name_for_unnamed, safe_name
from helpdesk.mail.headers import text_field
from helpdesk.mail.limits import Budget
from helpdesk.mail.model import Attachment
from helpdesk.mail.structure import content_type, disposition


def make_attachment(part: Message, data: bytes, taken: set[str], inline_default: bool) -> Attachment:
    ctype = content_type(part)
    cid = text_field(part.get("content-id")).strip("<> ") or None
    name = filename(part) or name_for_unnamed(part, ctype, cid, taken)
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


def uu_attachment(name: str, block: str, budget: Budget) -> Attachment:
    from helpdesk.mail.transfer import decode_uu

    data, _ = decode_uu(block.encode("latin-1", "replace"))
    budget.add_decoded(len(data))
    return named_file(safe_name(name) or "attachment", data)


def named_file(name: str, data: bytes) -> Attachment:
    """A file known only by its name (inside a winmail.dat, uuencoded in a body): its type from the name."""
    return Attachment(
        filename=name,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content_id=None,
        disposition="attachment",
        content=data,
    )
