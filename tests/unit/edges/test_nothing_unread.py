"""Parameters, environment names and settings that nothing reads are dead weight that misleads operators."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from helpdesk.settings import Settings

from tests.support.template_stack import ROOT, template

pytestmark = pytest.mark.unit

# Read by the Powertools library itself, not by our Settings.
LIBRARY_ENVIRONMENT = {"POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "LOG_LEVEL"}


def _referenced_names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                yield value
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else value[0]
                yield from re.findall(r"\$\{([A-Za-z0-9]+)[.}]", text)
                yield from _referenced_names(value)
            else:
                yield from _referenced_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _referenced_names(item)


def test_every_template_parameter_is_used() -> None:
    body = {k: v for k, v in template().items() if k != "Parameters"}
    used = set(_referenced_names(body))
    assert sorted(set(template()["Parameters"]) - used) == []


def test_every_global_environment_name_is_a_setting() -> None:
    names = set(template()["Globals"]["Function"]["Environment"]["Variables"])
    settings = {field.upper() for field in Settings.model_fields}
    assert sorted(names - settings - LIBRARY_ENVIRONMENT) == []


def _code_outside_settings() -> str:
    roots = [ROOT / "layers", ROOT / "functions", ROOT / "infra"]
    files = [p for root in roots for p in root.rglob("*.py") if p.name != "settings.py"]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_every_setting_is_read_by_some_code() -> None:
    code = _code_outside_settings()
    unread = [name for name in Settings.model_fields if not re.search(rf"\.{name}\b", code)]
    assert unread == []


def test_every_table_is_reached_through_a_setting_that_code_reads() -> None:
    tables = {n for n, r in template()["Resources"].items() if r["Type"] == "AWS::DynamoDB::Table"}
    environment = template()["Globals"]["Function"]["Environment"]["Variables"]
    code = _code_outside_settings()
    reached = {
        value["Ref"]
        for name, value in environment.items()
        if isinstance(value, dict) and value.get("Ref") in tables and re.search(rf"\.{name.lower()}\b", code)
    }
    assert sorted(tables - reached) == []
