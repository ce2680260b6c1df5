"""Amazon SES bounce, complaint and delivery notifications (JSON, as SNS mails them)."""

from __future__ import annotations

import json
import re
from typing import Any

from helpdesk.mail import bounce_reason as br
from helpdesk.mail import bounce_status as bs
from helpdesk.mail.model import Bounce, BounceRecipient, MailKind


def from_ses_json(text: str) -> tuple[MailKind, Bounce] | None:
    start = text.find("{")
    if start < 0 or "notificationType" not in text and "eventType" not in text:
        return None
    data = _decode(text[start:]) or _decode(text[start:].replace("\r", "").replace("\n", ""))
    if isinstance(data, dict) and isinstance(data.get("Message"), str):
        # An SNS envelope (an "email-json" subscription): the SES notification is its Message, as a string.
        data = _decode(data["Message"])
    if not isinstance(data, dict):
        return None
    kind = str(data.get("notificationType") or data.get("eventType") or "").lower()
    if kind == "bounce":
        return MailKind.BOUNCE, Bounce(
            [_failed(r, data) for r in _list(data.get("bounce"), "bouncedRecipients")]
        )
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
                BounceRecipient(
                    str(a),
                    br.find_status(reply, failed=False) or "2.0.0",  # the most specific code the answer has
                    br.find_reply_code(reply, failed=False),
                    "delivered",
                    False,
                )
                for a in delivery.get("recipients", [])
            ]
        )
    return None


def _decode(text: str) -> Any:
    try:
        return json.JSONDecoder().raw_decode(text)[0]
    except ValueError:
        return _salvage(text)


_FIELD_RE = re.compile(
    r'"(notificationType|eventType|bounceType|emailAddress|status|diagnosticCode)"\s*:\s*"([^"]*)"'
)


def _salvage(text: str) -> dict[str, Any] | None:
    """Read the fields that matter from a notification whose JSON was cut or wrapped in transit."""
    fields = _FIELD_RE.findall(text)
    kind = next((v for k, v in fields if k in ("notificationType", "eventType")), "")
    if kind.lower() not in ("bounce", "complaint"):
        return None
    people: list[dict[str, str]] = []
    for key, value in fields:
        if key == "emailAddress":
            people.append({"emailAddress": value})
        elif people and key in ("status", "diagnosticCode"):
            people[-1][key] = value
    bounce_type = next((v for k, v in fields if k == "bounceType"), "")
    if kind.lower() == "complaint":
        return {"notificationType": kind, "complaint": {"complainedRecipients": people}}
    return {"notificationType": kind, "bounce": {"bounceType": bounce_type, "bouncedRecipients": people}}


def _list(section: Any, key: str) -> list[dict[str, Any]]:
    if not isinstance(section, dict):
        return []
    return [r for r in section.get(key, []) if isinstance(r, dict)]


def _failed(r: dict[str, Any], data: dict[str, Any]) -> BounceRecipient:
    words = str(r.get("diagnosticCode", ""))
    status = str(r.get("status", "")) or br.find_status(words)
    permanent = str((data.get("bounce") or {}).get("bounceType", "")).lower() == "permanent"
    reason = br.classify_reason(words, words, status)
    status = status or bs.pseudo_status(reason, not permanent)
    reply = br.find_reply_code(words)
    return BounceRecipient(
        str(r.get("emailAddress", "")), status, reply, reason, br.is_hard(reason, status, reply)
    )
