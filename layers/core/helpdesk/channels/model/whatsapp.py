"""WhatsApp Cloud API: the webhook's signature, its message objects, and the 24-hour customer service window
(free-form replies only within 24 h of the customer's last message; outside it, an approved template)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

SERVICE_WINDOW = timedelta(hours=24)
WHATSAPP_DOMAIN = "whatsapp.invalid"  # never mailed


@dataclass(frozen=True)
class WhatsAppNumber:
    phone_number_id: str  # the business number's id in the Cloud API
    access_token: str  # a secret
    app_secret: str  # signs every webhook POST (X-Hub-Signature-256)
    verify_token: str  # echoed once when the webhook is subscribed
    mailbox: str = "support"
    reopen_template: str = "support_follow_up"  # an approved template for answers outside the window


@dataclass(frozen=True)
class WhatsAppFile:
    media_id: str
    filename: str
    content_type: str


@dataclass(frozen=True)
class WhatsAppMessage:
    message_id: str  # wamid....
    from_number: str  # the customer's number, digits only (wa_id)
    name: str
    text: str
    sent_at: datetime
    files: tuple[WhatsAppFile, ...] = ()


def signature_ok(app_secret: str, body: bytes, header: str) -> bool:
    expected = "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return bool(header) and hmac.compare_digest(expected, header.strip())


def number_address(phone_number_id: str, wa_id: str) -> str:
    return f"wa.{phone_number_id}.{wa_id}@{WHATSAPP_DOMAIN}"


def in_service_window(last_customer_message: datetime | None, now: datetime) -> bool:
    return last_customer_message is not None and now - last_customer_message < SERVICE_WINDOW


def read_webhook(payload: dict[str, Any]) -> list[WhatsAppMessage]:
    """The messages of a `whatsapp_business_account` webhook (statuses and other fields are skipped)."""
    found = []
    for entry in payload.get("entry") or []:
        for change in entry.get("changes") or []:
            value = change.get("value") or {}
            if change.get("field") != "messages":
                continue
            names = {
                c.get("wa_id"): (c.get("profile") or {}).get("name", "") for c in value.get("contacts") or []
            }
            for m in value.get("messages") or []:
                found.append(_message(m, names))
    return found


def _message(m: dict[str, Any], names: dict[str, str]) -> WhatsAppMessage:
    kind = m.get("type")
    text = str((m.get("text") or {}).get("body") or "")
    files = []
    if kind in ("image", "document"):
        media = m.get(kind) or {}
        text = str(media.get("caption") or "")
        name = str(media.get("filename") or f"{kind}-{m['id'][-8:]}")
        files.append(
            WhatsAppFile(str(media["id"]), name, str(media.get("mime_type") or "application/octet-stream"))
        )
    return WhatsAppMessage(str(m["id"]), str(m["from"]), str(names.get(m["from"]) or ""), text,
                           datetime.fromtimestamp(int(m["timestamp"]), UTC), tuple(files))  # fmt: skip


def chat_of_number(address: str) -> tuple[str, int] | None:
    local, _, domain = address.lower().partition("@")
    parts = local.split(".")
    if domain != WHATSAPP_DOMAIN or len(parts) != 3 or parts[0] != "wa" or not parts[2].isdigit():
        return None
    return parts[1], int(parts[2])
