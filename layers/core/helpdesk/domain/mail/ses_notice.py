"""Amazon SES bounce, complaint and delivery notifications (JSON, as SNS mails them)."""

from __future__ import annotations

import json
from typing import Any

from helpdesk.domain.mail import bounce_reason as br
from helpdesk.domain.mail.model import Bounce, BounceRecipient, MailKind


def from_ses_json(text: str) -> tuple[MailKind, Bounce] | None:
    start = text.find("{")
    if start < 0 or '"notificationType"' not in text and '"eventType"' not in text:
        return None
    try:
        data, _ = json.JSONDecoder().raw_decode(text[start:])
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    kind = str(data.get("notificationType") or data.get("eventType") or "").lower()
    if kind == "bounce":
        return MailKind.BOUNCE, Bounce([_failed(r, data) for r in _list(data.get("bounce"), "bouncedRecipients")])
    if kind == "complaint":
        people = _list(data.get("complaint"), "complainedRecipients")
        return MailKind.FEEDBACK_REPORT, Bounce(
            [BounceRecipient(str(r.get("emailAddress", "")), None, None, "feedback", False) for r in people]
        )
    if kind == "delivery":
        delivery = data.get("delivery") or {}
        reply = str(delivery.get("smtpResponse", ""))
        return MailKind.DELIVERY_REPORT, Bounce(
            [
                BounceRecipient(str(a), br.find_status(reply) or "2.0.0", br.find_reply_code(reply), "delivered", False)
                for a in delivery.get("recipients", [])
            ]
        )
    return None


def _list(section: Any, key: str) -> list[dict[str, Any]]:
    if not isinstance(section, dict):
        return []
    return [r for r in section.get(key, []) if isinstance(r, dict)]


def _failed(r: dict[str, Any], data: dict[str, Any]) -> BounceRecipient:
    words = str(r.get("diagnosticCode", ""))
    status = str(r.get("status", "")) or br.find_status(words)
    permanent = str((data.get("bounce") or {}).get("bounceType", "")).lower() == "permanent"
    reason = br.classify_reason(words, words, status)
    status = status or br.pseudo_status(reason, permanent)
    reply = br.find_reply_code(words)
    return BounceRecipient(str(r.get("emailAddress", "")), status, reply, reason, br.is_hard(reason, status, reply))
