"""Pipedrive's shapes, pure: what a webhook v2 body says changed."""

from __future__ import annotations

from typing import Any

from helpdesk.integrations.model.crm import CrmDeal


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
