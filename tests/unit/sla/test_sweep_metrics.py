"""The SLA sweep publishes each policy's new breaches by target through the one metrics object: one EMF line
per policy (its own Policy dimension), zeros for a quiet policy, and a breach counted once however often the
sweep runs."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from helpdesk.sla.services.sweep import SweepReport

from tests.support.lambdas import invoke

pytestmark = pytest.mark.unit


def emf(text: str) -> list[dict[str, Any]]:
    return [doc for line in text.splitlines() if line.startswith("{") if "_aws" in (doc := json.loads(line))]


def test_each_policy_is_published_on_its_own_line_with_its_breaches_by_target(
    capsys: pytest.CaptureFixture,
) -> None:
    report = SweepReport(
        breach_notices=2,
        breaches=Counter({("Urgent", "first_response"): 2, ("Urgent", "resolution"): 1}),
        policies=("Standard", "Urgent"),
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
    lines = emf(capsys.readouterr().out)
    by_policy = {doc.get("Policy"): doc for doc in lines}
    assert by_policy["Urgent"]["SlaFirstResponseBreaches"] == [2.0]
    assert by_policy["Urgent"]["SlaResolutionBreaches"] == [1.0]
    assert by_policy["Standard"]["SlaFirstResponseBreaches"] == [0.0]
    assert by_policy[None]["SlaBreachNotices"] == [2.0]  # the totals carry no policy
    assert any("Policy" in d for d in by_policy["Urgent"]["_aws"]["CloudWatchMetrics"][0]["Dimensions"])
