"""Pipedrive's shapes, pure: the basic auth its webhooks carry, and what a webhook v2 body says changed."""

from __future__ import annotations

import base64
import binascii
import hmac
from typing import Any

from helpdesk.integrations.model.crm import CrmDeal
from helpdesk.kernel.errors import Unauthorized


class PipedriveWebhookRefused(Unauthorized):
    """The webhook's basic-auth credentials are missing or are not the ones configured."""


def verify_basic_auth(header: str | None, user: str, password: str) -> None:
    """Pipedrive signs nothing; a webhook is created with `http_auth_user`/`http_auth_password` and
    sends them as HTTP basic auth (pipedrive.readme.io/docs/guide-for-webhooks-v2)."""
    if not user or not password or not header or not header.startswith("Basic "):
        raise PipedriveWebhookRefused("webhook credentials refused")
    try:
        given = base64.b64decode(header[6:].strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise PipedriveWebhookRefused("webhook credentials refused") from error
    if not hmac.compare_digest(given, f"{user}:{password}".encode()):
        raise PipedriveWebhookRefused("webhook credentials refused")


def person_emails(data: dict[str, Any]) -> list[str]:
    """Addresses of a person in a webhook's `data` (v2: [{value, primary, label}]), primary first."""
    found = data.get("emails") or data.get("email") or []
    items = [e for e in found if isinstance(e, dict) and e.get("value")]
    items.sort(key=lambda e: not e.get("primary"))
    return [str(e["value"]).strip().lower() for e in items]


def person_phones(data: dict[str, Any]) -> tuple[str, ...]:
    found = data.get("phones") or data.get("phone") or []
    return tuple(str(p["value"]) for p in found if isinstance(p, dict) and p.get("value"))


def deal_of(entity_id: str, data: dict[str, Any]) -> CrmDeal:
    value = data.get("value")
    return CrmDeal(
        deal_id=str(data.get("id") or entity_id),
        title=str(data.get("title") or ""),
        status=str(data.get("status") or "open"),
        value="" if value is None else str(value),
        currency=str(data.get("currency") or ""),
    )
