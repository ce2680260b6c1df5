"""The ASL's placeholders are exactly what DefinitionSubstitutions fill (in the docs, then the template)."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from helpdesk.licensing.views.lifecycle import PeriodInput
from helpdesk_local.template import load_template

from tests.support.template_stack import ROOT, template

pytestmark = pytest.mark.unit
ASL = ROOT / "statemachines" / "license_lifecycle.asl.json"
DOC = ROOT / "docs" / "license-lifecycle.md"


def placeholders() -> set[str]:
    return set(re.findall(r"\$\{(\w+)\}", ASL.read_text()))


def documented_resources() -> dict[str, Any]:
    snippet = DOC.read_text().split("### template.yaml", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "snippet.yaml"
        path.write_text("Resources:\n" + snippet)
        return load_template(path)["Resources"]  # type: ignore[no-any-return]


def state_machines() -> list[dict[str, Any]]:
    found = [documented_resources()["LicenseLifecycleStateMachine"]["Properties"]]
    declared = template()["Resources"].get("LicenseLifecycleStateMachine")
    if declared:  # once the lead has wired it, the template must agree too
        found.append(declared["Properties"])
    return found


def test_every_placeholder_has_a_substitution_and_none_is_spare() -> None:
    for props in state_machines():
        assert set(props["DefinitionSubstitutions"]) == placeholders()
        assert (ROOT / props["DefinitionUri"]).resolve() == ASL.resolve()
        assert props["Type"] == "STANDARD"


def test_every_path_the_definition_reads_from_its_input_exists_in_the_contract() -> None:
    fields = set(PeriodInput.model_fields) | {"reminder", "charge", "read", "paid", "charge_error"}
    read = set(re.findall(r'"\$\.(\w+)', ASL.read_text()))
    assert read <= fields, read - fields


def test_every_state_is_reachable_and_every_next_exists() -> None:
    states = json.loads(ASL.read_text())["States"]
    targets = {"NextReminder"}
    for state in states.values():
        for key in ("Next", "Default"):
            if key in state:
                targets.add(state[key])
        for rule in state.get("Choices", []) + state.get("Catch", []):
            targets.add(rule["Next"])
    assert targets == set(states)
