"""The event catalogue: every event type, its schema version and the fields of its `data` (an allowlist:
a payload carries only these, so no license key, token or secret can leak into one)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpdesk.kernel.errors import Invalid

S, SN, INT, B, T, TN, L = "string", "string?", "integer", "boolean", "date-time", "date-time?", "string[]"


@dataclass(frozen=True)
class EventSpec:
    type: str
    version: int
    summary: str
    fields: dict[str, str]  # name -> S, SN, INT, B, T, TN, L, "object[]"


_TICKET = {"id": S, "number": SN, "subject": S, "status": S, "priority": SN, "mailbox": SN,
           "assignee": SN, "customer_id": SN, "organisation_id": SN, "tags": L, "created_at": TN,
           "updated_at": TN}  # fmt: skip
_MESSAGE = {"id": S, "ticket_id": S, "from": S, "subject": S, "text": S, "created_at": TN,
            "attachments": INT, "mailbox": SN}  # fmt: skip
_ORDER = {"id": S, "number": "integer?", "customer_id": SN, "organisation_id": SN, "amount": INT,
          "currency": S, "paid_at": TN, "products": L, "license_ids": L}  # fmt: skip
_LICENSE = {"id": S, "product": S, "edition": S, "customer_id": SN, "organisation_id": SN, "order_id": SN,
            "domains": L, "issued": TN, "expires": TN}  # fmt: skip
_PERIOD = {"license_id": S, "period_end": S}
_INVOICE = {"id": S, "number": SN, "kind": S, "order_id": SN, "customer_id": SN, "organisation_id": SN,
            "currency": S, "issued_at": TN}  # fmt: skip
_TASK = {"id": S, "key": S, "project": S, "title": S, "status": S, "assignee": SN, "due": SN,
         "ticket_ids": L, "order_ids": L, "created_at": TN, "updated_at": TN}  # fmt: skip

CATALOGUE: dict[str, EventSpec] = {
    e.type: e
    for e in (
        EventSpec("ticket.created", 1, "A ticket was opened (by mail, the cabinet or staff).", _TICKET),
        EventSpec(
            "ticket.updated",
            1,
            "Status, priority, assignee, mailbox, tags or subject changed.",
            _TICKET | {"changed": L},
        ),  # fmt: skip
        EventSpec("ticket.replied", 1, "Staff sent a reply to the customer.", _MESSAGE),
        EventSpec("ticket.solved", 1, "A ticket became solved.", _TICKET),
        EventSpec("message.received", 1, "A customer's message arrived on a ticket.", _MESSAGE),
        EventSpec("order.paid", 1, "An order was paid.", _ORDER),
        EventSpec(
            "order.refunded",
            1,
            "A paid order was refunded (its credit note was issued).",
            {"order_id": S, "credit_note_id": S, "customer_id": SN, "organisation_id": SN},
        ),  # fmt: skip
        EventSpec("license.issued", 1, "A license was issued.", _LICENSE),
        EventSpec("license.renewed", 1, "A license's period was extended.", _LICENSE),
        EventSpec(
            "license.expiring",
            1,
            "A renewal reminder went out: the period ends soon.",
            _PERIOD | {"days_left": INT},
        ),  # fmt: skip
        EventSpec("license.expired", 1, "A license's period and grace ended without renewal.", _PERIOD),
        EventSpec("invoice.issued", 1, "A tax invoice or credit note was issued.", _INVOICE),
        EventSpec("task.created", 1, "A development task was created.", _TASK),
        EventSpec("task.updated", 1, "A development task changed.", _TASK),
        EventSpec(
            "customer.created",
            1,
            "A customer record was created.",
            {"id": S, "email": S, "name": SN, "organisation_id": SN},
        ),  # fmt: skip
        EventSpec("webhook.test", 1, "Sent by the console's 'send test event' button.", {"message": S}),
    )
}


class UnknownEventType(Invalid):
    """An event type that is not in the catalogue."""


def check_event_types(types: list[str]) -> tuple[str, ...]:
    unknown = sorted(set(types) - set(CATALOGUE))
    if unknown or not types:
        raise UnknownEventType(f"unknown event types: {', '.join(unknown)}" if unknown else "no event types")
    return tuple(dict.fromkeys(types))


def allowed(event_type: str, values: dict[str, Any]) -> dict[str, Any]:
    """Only the catalogue's fields of `event_type`, each present (None where unknown)."""
    return {name: values.get(name) for name in CATALOGUE[event_type].fields}


def json_schema(spec: EventSpec) -> dict[str, Any]:
    """The versioned JSON schema (2020-12) of the whole payload of one event type."""
    data = {name: _schema_of(kind) for name, kind in spec.fields.items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://helpdesk.example/webhooks/{spec.type}/v{spec.version}.json",
        "title": spec.type,
        "description": spec.summary,
        "type": "object",
        "required": ["id", "type", "version", "timestamp", "object", "data"],
        "properties": {
            "id": {"type": "string"},
            "type": {"const": spec.type},
            "version": {"const": spec.version},
            "timestamp": {"type": "string", "format": "date-time"},
            "object": {
                "type": "object",
                "required": ["type", "id", "sequence"],
                "properties": {
                    "type": {"type": "string"},
                    "id": {"type": "string"},
                    "sequence": {"type": "string"},
                },  # fmt: skip
            },
            "data": {
                "type": "object",
                "required": list(data),
                "properties": data,
                "additionalProperties": False,
            },  # fmt: skip
        },
    }


def _schema_of(kind: str) -> dict[str, Any]:
    nullable = kind.endswith("?")
    base = kind.rstrip("?")
    shapes: dict[str, dict[str, Any]] = {
        "string": {"type": "string"},
        "integer": {"type": "integer"},
        "boolean": {"type": "boolean"},
        "date-time": {"type": "string", "format": "date-time"},
        "string[]": {"type": "array", "items": {"type": "string"}},
    }
    schema = shapes[base]
    if nullable:
        return {**schema, "type": [schema["type"], "null"]}
    return schema
