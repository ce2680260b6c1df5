"""The SLA sweep logs its counts as fields of structured log lines, no custom metrics (each name and policy
would be billed every month, docs/cost.md): one line per policy that has new breaches, by target, and one with
the run's totals."""

from __future__ import annotations

from collections import Counter

import pytest
from helpdesk.sla.services.sweep import SweepReport

from tests.support.lambdas import invoke
from tests.support.log_lines import logged

pytestmark = pytest.mark.unit


def test_each_policy_with_breaches_is_logged_on_its_own_line_and_nothing_is_a_metric(
    capsys: pytest.CaptureFixture, caplog: pytest.LogCaptureFixture
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
    assert '"_aws"' not in capsys.readouterr().out  # no embedded-metric line
    [urgent] = logged(caplog, "sla breaches")  # a quiet policy has no line
    assert urgent["Policy"] == "Urgent"
    assert (urgent["SlaFirstResponseBreaches"], urgent["SlaResolutionBreaches"]) == (2, 1)
    [totals] = logged(caplog, "sla sweep")
    assert (totals["SlaBreachNotices"], totals["SlaEscalations"], totals["TicketsAutoClosed"]) == (2, 1, 0)
    assert "Policy" not in totals
