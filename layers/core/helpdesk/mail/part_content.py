"""The decoded bytes of a MIME leaf; a nested message is handed out exactly as it was received."""

from __future__ import annotations

from email.message import Message

from helpdesk.mail.limits import Budget
from helpdesk.mail.transfer import decode_transfer


def part_bytes(part: Message, budget: Budget) -> bytes:
    received = getattr(part, "raw_content", None)  # set by the MIME reader on nested messages
    if isinstance(received, bytes):
        data = received
    else:
        # The stored payload, not get_payload(): that re-decodes 8-bit text with 'replace' and loses bytes.
        stored = getattr(part, "_payload", "")
        raw = stored.encode("utf-8", "surrogateescape") if isinstance(stored, str) else b""
        data = decode_transfer(raw, part.get("content-transfer-encoding"))
    budget.add_decoded(len(data))
    return data
