"""Test-only code does not ship: the Lambda layer holds no in-memory fake (they live in tests/fakes)."""

from __future__ import annotations

import ast

import pytest

from tests.support.template_stack import ROOT

pytestmark = pytest.mark.unit
LAYER = ROOT / "layers" / "core" / "helpdesk"


def fake_classes_in_the_layer() -> list[str]:
    found = []
    for module in sorted(LAYER.rglob("*.py")):
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and node.name.startswith(("InMemory", "Memory", "Fake")):
                found.append(f"{module.relative_to(ROOT)}: {node.name}")
    return found


def test_no_in_memory_fake_ships_in_the_layer() -> None:
    assert fake_classes_in_the_layer() == []


def test_the_fakes_are_where_the_tests_find_them() -> None:
    from tests.fakes.tickets.memory_tickets import MemoryTickets

    assert MemoryTickets.__module__ == "tests.fakes.tickets.memory_tickets"
    assert not any(p.name.startswith("memory_") for p in LAYER.rglob("*.py"))
