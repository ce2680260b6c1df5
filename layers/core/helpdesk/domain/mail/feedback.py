"""Feedback reports: ARF (RFC 5965) and Microsoft's junk-mail reports."""

from __future__ import annotations

from email.message import Message

from helpdesk.domain.mail.dsn import ADDRESS_RE, field_blocks, untyped
from helpdesk.domain.mail.mailparts import children, content_type, header
from helpdesk.domain.mail.model import Bounce, BounceRecipient
from helpdesk.domain.mail.returned_mail import original_header


def microsoft_complaint(parts: list[Message]) -> Bounce | None:
    """Microsoft's junk-mail reports (JMRP) attach the reported mail marked with its original recipient."""
    for part in parts:
        if content_type(part) != "message/rfc822":
            continue
        for inner in children(part):
            address = ADDRESS_RE.search(header(inner, "X-HmXmrOriginalRecipient"))
            if address:
                return Bounce([BounceRecipient(address.group(0), None, None, "feedback", False)])
    return None


def arf_feedback(msg: Message, part: Message) -> Bounce:
    """The complained-about recipient of an ARF report."""
    fields: dict[str, str] = {}
    for block in field_blocks(part):
        for key, value in block.items():
            fields.setdefault(key, value)
    raw = fields.get("original-rcpt-to") or fields.get("removal-recipient") or ""
    found = ADDRESS_RE.search(untyped(raw)) or ADDRESS_RE.search(original_header(msg, "To"))
    address = found.group(0) if found else ""
    return Bounce([BounceRecipient(address, None, None, "feedback", False)])
