"""The SLA sweep logs its counts as fields of structured log lines, no custom metrics (each name and policy
would be billed every month, docs/cost.md): one line per policy that has new breaches, by target, and one with
the run's totals."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from helpdesk.sla.services.sweep import SweepReport

from tests.support.lambdas import invoke

pytestmark = pytest.mark.unit


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_each_policy_with_breaches_is_logged_on_its_own_line_and_nothing_is_a_metric(
    capsys: pytest.CaptureFixture,
) -> None:
    report = SweepReport(
        breach_notices=2,
        escalations=1,
        breaches=Counter({("Urgent", "first_response"): 2, ("Urgent", "resolution"): 1}),
    )

    class Sweep:
        def run(self) -> SweepReport:
            return report

    from helpdesk.bootstrap import container

    container().sla_sweep = Sweep()  # type: ignore[assignment]
    try:
        invoke("SlaSweepFunction", {})
    finally:
        del container().sla_sweep
    lines = json_lines(capsys.readouterr().out)
    assert not [doc for doc in lines if "_aws" in doc]
    [urgent] = [doc for doc in lines if doc["message"] == "sla breaches"]  # a quiet policy has no line
    assert urgent["Policy"] == "Urgent"
    assert (urgent["SlaFirstResponseBreaches"], urgent["SlaResolutionBreaches"]) == (2, 1)
    [totals] = [doc for doc in lines if doc["message"] == "sla sweep"]
    assert (totals["SlaBreachNotices"], totals["SlaEscalations"], totals["TicketsAutoClosed"]) == (2, 1, 0)
    assert "Policy" not in totals
