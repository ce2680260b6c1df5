"""The stored form of an inbound mail: its attachments under keys of its own, and its message."""

from __future__ import annotations

from datetime import datetime

from helpdesk.mail.public import ParsedMail
from helpdesk.tickets.model.customer import mail_address
from helpdesk.tickets.model.message import (
    BODY_BYTES,
    AttachmentRef,
    Direction,
    Message,
    cut_utf8,
    stored_html,
)
from helpdesk.tickets.ports import AttachmentStore


def store_attachments(
    attachments: AttachmentStore, plan: dict[str, str], parsed: ParsedMail
) -> tuple[AttachmentRef, ...]:
    """Keyed by the plan's ticket and message, so a repeated ingest writes the same objects again."""
    refs = []
    for n, attachment in enumerate(parsed.attachments):
        key = f"tickets/{plan['ticket_id']}/{plan['message_id']}/{n}"
        attachments.put(key, attachment.content, attachment.content_type)
        refs.append(
            AttachmentRef(
                key, attachment.filename, attachment.content_type, attachment.size, attachment.sha256
            )
        )
    return tuple(refs)


def inbound_message(
    plan: dict[str, str],
    parsed: ParsedMail,
    sender: str,
    refs: tuple[AttachmentRef, ...],
    at: datetime,
    record_key: str,
) -> Message:
    bodies = {name: cut_utf8(getattr(parsed, name), limit) for name, limit in BODY_BYTES.items()}
    bodies["html"] = stored_html(parsed.html)
    return Message(
        id=plan["message_id"],
        ticket_id=plan["ticket_id"],
        direction=Direction.INBOUND,
        created_at=at,
        from_=sender,
        to=tuple(a for a in (mail_address(a.address) for a in parsed.to) if a),
        cc=tuple(a for a in (mail_address(a.address) for a in parsed.cc) if a),
        subject=parsed.subject,
        text=bodies["text"][0],
        html=bodies["html"][0],
        reply=bodies["reply"][0],
        truncated=any(cut for _, cut in bodies.values()),
        attachments=refs,
        message_id=parsed.message_id or f"{record_key}@missing-message-id.invalid",
        in_reply_to=parsed.in_reply_to[-1] if parsed.in_reply_to else None,
        references=tuple(parsed.references),
        kind=parsed.kind.value,
        channel=plan.get("channel", "mail"),
    )
