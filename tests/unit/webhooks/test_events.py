"""Table changes become catalogue events; payloads follow their JSON schema and carry no secrets."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from helpdesk.webhooks.model.catalogue import CATALOGUE, json_schema
from helpdesk.webhooks.model.stream_changes import TableChange, events_from_change

pytestmark = pytest.mark.unit
AT = datetime(2026, 12, 7, 12, tzinfo=UTC)
ISSUE_19_EVENTS = {
    "ticket.created",
    "ticket.updated",
    "ticket.replied",
    "ticket.solved",
    "message.received",
    "order.paid",
    "order.refunded",
    "license.issued",
    "license.renewed",
    "license.expiring",
    "license.expired",
    "invoice.issued",
    "task.created",
    "task.updated",
    "customer.created",
}


def change(new: dict[str, Any] | None, old: dict[str, Any] | None = None, source: str = "e1") -> TableChange:
    return TableChange(source, "100", AT, new, old)


def ticket(**fields: Any) -> dict[str, Any]:
    data = {
        "id": "t1",
        "number": "HD-1",
        "subject": "Blank page",
        "status": "new",
        "mailbox": "support",
        "priority": "normal",
        "tags": [],
        "customer_id": "c1",
    } | fields
    return {
        "pk": "TICKET#t1",
        "sk": "TICKET",
        "entity": "ticket",
        "data": json.dumps(data),
        "version": Decimal(3),
    }


def types(events: list[Any]) -> list[str]:
    return [e.type for e in events]


def test_every_event_of_the_issue_is_in_the_catalogue_with_a_versioned_schema() -> None:
    assert ISSUE_19_EVENTS <= set(CATALOGUE)
    for spec in CATALOGUE.values():
        schema = json_schema(spec)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["properties"]["version"] == {"const": spec.version}


def test_ticket_changes() -> None:
    assert types(events_from_change(change(ticket()))) == ["ticket.created"]
    assert types(events_from_change(change(ticket(status="solved"), ticket(status="open")))) == [
        "ticket.updated",
        "ticket.solved",
    ]
    touched = ticket(last_activity_at="2026-12-07T13:00:00+00:00")
    assert events_from_change(change(touched, ticket())) == []  # activity alone is not an update
    updated = events_from_change(change(ticket(assignee="anna@x"), ticket()))
    assert updated[0].data["changed"] == ["assignee"] and updated[0].scope == {"mailbox": "support"}


def test_messages_orders_licenses_invoices_tasks_customers_and_lifecycle_claims() -> None:
    def msg(direction: str) -> dict[str, Any]:
        data = {"id": "m1", "ticket_id": "t1", "direction": direction, "from_": "c@x", "text": "hi"}
        return {"pk": "TICKET#t1", "sk": "MSG#1", "entity": "message", "data": json.dumps(data)}

    assert types(events_from_change(change(msg("inbound")))) == ["message.received"]
    assert types(events_from_change(change(msg("outbound")))) == ["ticket.replied"]
    assert events_from_change(change(msg("note"))) == []
    order = {
        "pk": "ORDER#o1",
        "sk": "ORDER",
        "entity": "Order",
        "body": json.dumps({"id": "o1", "amount": 4900, "currency": "EUR", "lines": [{"product": "pay"}]}),
    }
    assert types(events_from_change(change(order))) == ["order.paid"]
    lic = {
        "pk": "LICENSE#l1",
        "sk": "LICENSE",
        "entity": "License",
        "product": "pay",
        "edition": "pro",
        "expires": "2027-01-01T00:00:00+00:00",
        "serial": Decimal(7),
        "domains": ["a.example"],
    }
    assert types(events_from_change(change(lic))) == ["license.issued"]
    renewed = lic | {"expires": "2028-01-01T00:00:00+00:00"}
    assert types(events_from_change(change(renewed, lic))) == ["license.renewed"]
    credit = {
        "pk": "INVOICE#i2",
        "sk": "INVOICE",
        "entity": "Invoice",
        "data": json.dumps({"id": "i2", "kind": "credit_note", "source_id": "o1", "currency": "EUR"}),
    }
    assert types(events_from_change(change(credit))) == ["invoice.issued", "order.refunded"]
    task = {"pk": "TASK#k1", "sk": "TASK", "entity": "task", "data": json.dumps({"id": "k1", "title": "A"})}
    assert types(events_from_change(change(task))) == ["task.created"]
    retitled = task | {"data": json.dumps({"id": "k1", "title": "B"})}
    assert types(events_from_change(change(retitled, task))) == ["task.updated"]
    person = {
        "pk": "CUSTOMER#c1",
        "sk": "CUSTOMER",
        "entity": "customer",
        "data": json.dumps({"email": "c@x"}),
    }
    assert types(events_from_change(change(person))) == ["customer.created"]
    reminder = {"pk": "ONCE#license-reminder:l1:20270101:7", "sk": "ONCE", "entity": "OnceClaim"}
    expiring = events_from_change(change(reminder))
    assert types(expiring) == ["license.expiring"] and expiring[0].data["days_left"] == 7
    lapse = {"pk": "ONCE#license-lapse:l1:20270101", "sk": "ONCE", "entity": "OnceClaim"}
    assert types(events_from_change(change(lapse))) == ["license.expired"]
    assert events_from_change(change(None, ticket())) == []  # removals are not events


def test_payloads_follow_their_schema_and_carry_no_license_key_or_token() -> None:
    lic = {
        "pk": "LICENSE#l1",
        "sk": "LICENSE",
        "entity": "License",
        "product": "pay",
        "edition": "pro",
        "issued": "2026-01-01T00:00:00+00:00",
        "expires": None,
        "serial": Decimal(7),
        "domains": ["a.example"],
        "key": "PAY-SECRET-KEY",
        "token": "tok_secret",
        "history": ["x"],
    }
    for event in events_from_change(change(lic)) + events_from_change(change(ticket())):
        envelope = json.loads(event.body())
        jsonschema.validate(envelope, json_schema(CATALOGUE[event.type]))
        assert "SECRET" not in event.body().decode() and "tok_" not in event.body().decode()


def test_the_same_stream_record_gives_the_same_event_id_and_another_record_another() -> None:
    first, again = events_from_change(change(ticket())), events_from_change(change(ticket()))
    other = events_from_change(change(ticket(), source="e2"))
    assert first[0].id == again[0].id != other[0].id
