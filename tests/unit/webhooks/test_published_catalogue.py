"""docs/webhooks/ holds one schema and one test payload per event type and version, equal to what the code
renders; each payload validates against its schema. Regenerate: `python -m tests.support.webhook_docs`."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.support.webhook_docs import DOCS, rendered

pytestmark = pytest.mark.unit


def test_the_published_schemas_and_payloads_are_the_catalogues() -> None:
    files = rendered()
    stale = [str(p.relative_to(DOCS)) for p, text in files.items() if not p.exists() or p.read_text() != text]
    assert stale == [], "run `python -m tests.support.webhook_docs`"
    on_disk = {p for p in DOCS.rglob("*.json")}
    assert on_disk == set(files)


def test_every_test_payload_follows_its_schema() -> None:
    for path in (DOCS / "examples").glob("*.json"):
        schema = json.loads((DOCS / "schemas" / path.name).read_text())
        jsonschema.validate(json.loads(path.read_text()), schema, format_checker=jsonschema.FormatChecker())
