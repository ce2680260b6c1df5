"""The webhook catalogue's published files: one JSON schema and one test payload per event type and version,
rendered from `helpdesk.webhooks` so docs/webhooks/ cannot drift from the code (a unit test compares them)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from helpdesk.webhooks.model.catalogue import CATALOGUE, EventSpec, json_schema
from helpdesk.webhooks.model.events import WebhookEvent, event_id

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks"
AT = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
SAMPLES: dict[str, Any] = {
    "id": "01JEXAMPLE0000000000000000", "number": "HD-100042", "subject": "Checkout page is blank",
    "status": "open", "priority": "normal", "mailbox": "support", "assignee": "anna@agency.example",
    "customer_id": "c_5f2b9a", "organisation_id": "acme.example", "tags": ["checkout"],
    "created_at": "2026-12-07T09:29:58+00:00", "updated_at": "2026-12-07T09:30:00+00:00",
    "changed": ["assignee"], "ticket_id": "01JEXAMPLETICKET0000000000", "from": "alice@acme.example",
    "text": "Hello, the checkout page is blank since this morning.", "attachments": 1, "amount": 4900,
    "currency": "EUR", "paid_at": "2026-12-07T09:30:00+00:00", "products": ["payments-plus"],
    "license_ids": ["lic_7c1d"], "product": "payments-plus", "edition": "pro", "order_id": "co_8a1f",
    "domains": ["shop.acme.example"], "issued": "2026-12-07T09:30:00+00:00",
    "expires": "2027-12-07T09:30:00+00:00", "license_id": "lic_7c1d", "period_end": "20271207",
    "days_left": 14, "kind": "invoice", "issued_at": "2026-12-07T09:30:00+00:00",
    "credit_note_id": "inv_cn_2",
    "key": "ACME-12", "project": "ACME", "title": "Fix the blank checkout", "due": "2026-12-24",
    "ticket_ids": ["01JEXAMPLETICKET0000000000"], "order_ids": [], "email": "alice@acme.example",
    "name": "Alice Example", "message": "A test event from the helpdesk console.",
}  # fmt: skip


def example(spec: EventSpec) -> dict[str, Any]:
    data = {name: SAMPLES[name] for name in spec.fields}
    kind = spec.type.split(".")[0]
    if "number" in data:
        data["number"] = {"order": 1042, "invoice": "INV-2026-000042"}.get(kind, "HD-100042")
    object_id = str(data.get("id") or data.get("license_id") or data.get("order_id"))
    sequence = "4210000000000000000001"
    event = WebhookEvent(event_id("example", spec.type), spec.type, AT, kind, object_id, sequence, data)
    return event.envelope()


def rendered() -> dict[Path, str]:
    files: dict[Path, str] = {}
    for spec in CATALOGUE.values():
        stem = f"{spec.type}.v{spec.version}"
        files[DOCS / "schemas" / f"{stem}.json"] = json.dumps(json_schema(spec), indent=2) + "\n"
        files[DOCS / "examples" / f"{stem}.json"] = json.dumps(example(spec), indent=2) + "\n"
    return files


def write() -> None:
    for path, text in rendered().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


if __name__ == "__main__":
    write()
