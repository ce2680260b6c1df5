"""Conversations kept in another helpdesk (Omnidesk cases): their messages reach us through the connector as
channel messages whose Message-ID names the case (`<case id>-<message id>@omnidesk.<support domain>`)."""

from __future__ import annotations

import re

CASE_CHANNELS = ("omnidesk",)
_KEY = re.compile(r"^(\d+)-(\d+)@([a-z0-9]+)\.", re.IGNORECASE)


def case_of_message_id(message_id: str) -> tuple[str, int] | None:
    """(channel, case id) of a message the connector brought in, else None."""
    found = _KEY.match(message_id or "")
    if found is None or found.group(3).lower() not in CASE_CHANNELS:
        return None
    return found.group(3).lower(), int(found.group(1))
