"""@mentions in a note: `@anna` (the local part of a staff address) or `@anna@helpdesk.example` (the whole
one). Only active staff count; a handle two colleagues share names nobody: the wrong one is never told."""

from __future__ import annotations

import re
from collections.abc import Iterable

from helpdesk.identity.public import StaffMember

MENTION = re.compile(r"(?<![\w.@+-])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")


def mentioned(text: str, staff: Iterable[StaffMember], author: str = "") -> tuple[str, ...]:
    """The e-mails of the active staff named in `text`, in order of first mention, never the author."""
    active = [m for m in staff if m.active]
    by_email = {m.email.lower(): m.email for m in active}
    local_parts: dict[str, list[str]] = {}
    for m in active:
        local_parts.setdefault(m.email.lower().split("@")[0], []).append(m.email)
    found: list[str] = []
    for handle in MENTION.findall(text):
        handle = handle.rstrip(".").lower()
        email = by_email.get(handle)
        if email is None and len(local_parts.get(handle, [])) == 1:
            email = local_parts[handle][0]
        if email and email.lower() != author.lower() and email not in found:
            found.append(email)
    return tuple(found)
