"""Table changes (DynamoDB stream images of the single table) as webhook events, without touching the
contexts that write them: each item names its kind in `entity` and carries its entity as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from helpdesk.webhooks.model.events import WebhookEvent, event_id

Item = Mapping[str, Any]
TICKET_FIELDS = ("status", "priority", "assignee", "mailbox", "tags", "subject")
TASK_FIELDS = ("title", "status", "assignee", "due", "description", "labels")


@dataclass(frozen=True)
class TableChange:
    source_id: str  # the stream record's eventID
    sequence: str
    at: datetime
    new: Item | None
    old: Item | None


def events_from_change(change: TableChange) -> list[WebhookEvent]:
    item = change.new or change.old or {}
    mapper = _MAPPERS.get(str(item.get("entity", "")).lower())
    if mapper is None or change.new is None:
        return []
    new, old = _fields(change.new), _fields(change.old) if change.old else None
    found = []
    for event_type, object_type, data, scope in mapper(new, old):
        object_id = str(data.get("id") or data.get("license_id") or data.get("order_id") or "")
        found.append(
            WebhookEvent(
                event_id(change.source_id, event_type),
                event_type,
                change.at,
                object_type,
                object_id,
                change.sequence,
                data,
                {k: v for k, v in scope.items() if v},
            )  # fmt: skip
        )
    return found


Found = list[tuple[str, str, dict[str, Any], dict[str, Any]]]


def _ticket(new: dict[str, Any], old: dict[str, Any] | None) -> Found:
    scope = {"mailbox": new.get("mailbox"), "organisation": new.get("organisation_id")}
    if old is None:
        return [("ticket.created", "ticket", new, scope)]
    changed = [f for f in TICKET_FIELDS if new.get(f) != old.get(f)]
    found: Found = [("ticket.updated", "ticket", new | {"changed": changed}, scope)] if changed else []
    if new.get("status") == "solved" and old.get("status") != "solved":
        found.append(("ticket.solved", "ticket", new, scope))
    return found


def _message(new: dict[str, Any], old: dict[str, Any] | None) -> Found:
    if old is not None:
        return []
    data = new | {"from": new.get("from_") or new.get("from_address") or "",
                  "text": str(new.get("text") or "")[:4000],
                  "attachments": len(new.get("attachments") or ())}  # fmt: skip
    scope = {"mailbox": new.get("mailbox")}
    kind = {"inbound": "message.received", "outbound": "ticket.replied"}.get(str(new.get("direction")))
    return [(kind, "message", data, scope)] if kind else []


def _order(new: dict[str, Any], old: dict[str, Any] | None) -> Found:
    if old is not None:
        return []
    products = sorted({str(x.get("product") or x.get("sku") or "") for x in new.get("lines") or ()} - {""})
    scope = {"organisation": new.get("organisation_id"), "product": products[0] if products else None}
    return [("order.paid", "order", new | {"products": products}, scope)]


def _license(new: dict[str, Any], old: dict[str, Any] | None) -> Found:
    scope = {"organisation": new.get("organisation_id"), "product": new.get("product")}
    if old is None:
        return [("license.issued", "license", new, scope)]
    if new.get("expires") and old.get("expires") and str(new["expires"]) > str(old["expires"]):
        return [("license.renewed", "license", new, scope)]
    return []


def _invoice(new: dict[str, Any], old: dict[str, Any] | None) -> Found:
    if old is not None:
        return []
    data = new | {"order_id": new.get("source_id")}
    scope = {"organisation": new.get("organisation_id")}
    found: Found = [("invoice.issued", "invoice", data, scope)]
    if new.get("kind") == "credit_note" and new.get("source_id"):
        refund = {
            "order_id": new["source_id"],
            "credit_note_id": new.get("id"),
            "customer_id": new.get("customer_id"),
            "organisation_id": new.get("organisation_id"),
        }
        found.append(("order.refunded", "order", refund, scope))
    return found


def _task(new: dict[str, Any], old: dict[str, Any] | None) -> Found:
    if old is None:
        return [("task.created", "task", new, {})]
    return [("task.updated", "task", new, {})] if any(new.get(f) != old.get(f) for f in TASK_FIELDS) else []


def _customer(new: dict[str, Any], old: dict[str, Any] | None) -> Found:
    return (
        [("customer.created", "customer", new, {"organisation": new.get("organisation_id")})]
        if old is None
        else []
    )


def _claim(new: dict[str, Any], old: dict[str, Any] | None) -> Found:
    """The licensing lifecycle claims each reminder and lapse once: `license-reminder:<id>:<end>:<days>`."""
    key = str(new.get("pk", "")).removeprefix("ONCE#")
    parts = key.split(":")
    if old is not None or len(parts) < 3:
        return []
    period = {"license_id": parts[1], "period_end": parts[2]}
    if parts[0] == "license-reminder" and len(parts) == 4 and parts[3].isdigit():
        return [("license.expiring", "license", period | {"days_left": int(parts[3])}, {})]
    if parts[0] == "license-lapse":
        return [("license.expired", "license", period, {})]
    return []


_MAPPERS: dict[str, Callable[[dict[str, Any], dict[str, Any] | None], Found]] = {
    "ticket": _ticket,
    "message": _message,
    "order": _order,
    "license": _license,
    "invoice": _invoice,
    "task": _task,
    "customer": _customer,
    "onceclaim": _claim,
}


def _fields(item: Item) -> dict[str, Any]:
    """The item's attributes plus its entity's JSON (`data` or `body`), and the id from `PREFIX#id`."""
    fields = dict(item)
    for carrier in ("data", "body"):
        raw = item.get(carrier)
        if isinstance(raw, str) and raw.startswith("{"):
            try:
                fields |= json.loads(raw)
            except ValueError:
                pass
    if not fields.get("id") and "#" in str(item.get("pk", "")):
        fields["id"] = str(item["pk"]).split("#", 1)[1]
    return {name: _plain(value) for name, value in fields.items()}


def _plain(value: Any) -> Any:
    """Stream images carry Decimals and sets; payloads carry JSON numbers and lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, set | frozenset | tuple | list):
        return (
            sorted(_plain(v) for v in value)
            if isinstance(value, set | frozenset)
            else [_plain(v) for v in value]
        )
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value
