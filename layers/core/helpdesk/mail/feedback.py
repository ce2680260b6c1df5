"""Feedback reports: ARF (RFC 5965) and Microsoft's junk-mail reports."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail.dsn import ADDRESS_RE, field_blocks, parse_fields, untyped
from helpdesk.mail.mailparts import children, content_type, header, param, part_text
from helpdesk.mail.model import Bounce, BounceRecipient
from helpdesk.mail.returned_mail import original_header

_FEEDBACK_TYPE_RE = re.compile(r"^Feedback-Type:\s*\S", re.IGNORECASE | re.MULTILINE)
# Fields every ARF report carries (RFC 5965 section 3.1), together: a person's text hardly holds all three.
_ARF_FIELDS_RE = re.compile(
    r"^Feedback-Type:\s*\S[^\n]*\n(?:[^\n]*\n){0,12}?(?:User-Agent|Version):[^\n]*\n(?:[^\n]*\n){0,12}?"
    r"(?:User-Agent|Version):",
    re.IGNORECASE | re.MULTILINE,
)


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
    return _complaint(msg, field_blocks(part))


def inline_feedback(msg: Message, parts: list[Message]) -> Bounce | None:
    """An ARF report whose machine part came as plain text (report-type says so, or its fields do)."""
    declared = param(msg, "report-type") == "feedback-report"
    if not declared and content_type(msg) != "multipart/report":
        return None  # only reports are read for report fields, never a person's mail
    for part in parts:
        if content_type(part) != "text/plain":
            continue
        text = part_text(part)
        if declared and _FEEDBACK_TYPE_RE.search(text) or _ARF_FIELDS_RE.search(text):
            return _complaint(msg, parse_fields(text))
    return None


def _complaint(msg: Message, blocks: list[dict[str, str]]) -> Bounce:
    fields: dict[str, str] = {}
    for block in blocks:
        for key, value in block.items():
            fields.setdefault(key, value)
    raw = fields.get("original-rcpt-to") or fields.get("removal-recipient") or ""
    found = ADDRESS_RE.search(untyped(raw)) or ADDRESS_RE.search(original_header(msg, "To"))
    address = found.group(0) if found else ""
    return Bounce([BounceRecipient(address, None, None, "feedback", False)])
