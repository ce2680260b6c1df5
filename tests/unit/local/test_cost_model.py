"""The bill's arithmetic: volumes from the workload, lines from measured counts, the topology from
template.yaml."""

from __future__ import annotations

import pytest
from helpdesk_local.cost import Workload, bill, load_inputs, path_volumes, topology
from helpdesk_local.template import load_template

from tests.support.template_stack import ROOT

pytestmark = pytest.mark.unit


def test_the_topology_is_read_from_the_template() -> None:
    template = load_template(ROOT / "template.yaml")
    t = topology(template)
    alarms = sum(1 for r in template["Resources"].values() if r["Type"] == "AWS::CloudWatch::Alarm")
    assert t.alarms == alarms > 0 and t.memory_mb == 512 and t.stream_consumers >= 1
    assert t.scheduled_per_month >= 43_200  # the SLA sweep runs every minute


def test_polling_grows_with_staff_and_mail_lines_with_tickets() -> None:
    measured, prices, t = load_inputs()
    small, big = Workload(1_000, 5, 100), Workload(2_000, 10, 100)
    assert path_volumes(big)["inbox_poll"] == 2 * path_volumes(small)["inbox_poll"]
    lines = {(x.service, x.what.split(" ", 1)[1]): x.dollars for x in bill(big, measured, prices, t)}
    half = {(x.service, x.what.split(" ", 1)[1]): x.dollars for x in bill(small, measured, prices, t)}
    assert lines[("SES", "mails sent")] == pytest.approx(2 * half[("SES", "mails sent")])
    volumes = path_volumes(small)
    writes = sum(measured[path].get("dynamodb:write", 0) * n for path, n in volumes.items())
    priced = half[("DynamoDB", "write units")] * 1e6 / prices["dynamodb_per_million_write_units"]
    assert priced == pytest.approx(writes) and writes >= 1_000 * measured["mail_new_ticket"]["dynamodb:write"]


def test_the_inbox_polls_every_5_s_while_visible_and_every_30_s_while_hidden() -> None:
    agent_month = 21 * 7 * 3600  # one agent's open console, in seconds
    always_in_front = path_volumes(Workload(1_000, 1, 0, console_visible_share=1.0))["inbox_poll"]
    always_behind = path_volumes(Workload(1_000, 1, 0, console_visible_share=0.0))["inbox_poll"]
    assert always_in_front == agent_month / 5 and always_behind == agent_month / 30
    assert path_volumes(Workload(1_000, 1, 0))["inbox_poll"] == pytest.approx(
        agent_month * (0.5 / 5 + 0.5 / 30)
    )


def test_the_metrics_line_prices_the_census_of_the_code() -> None:
    measured, prices, t = load_inputs()
    w = Workload(10_000, 20, 2_000)
    [line] = [x for x in bill(w, measured, prices, t) if "custom metrics" in x.what]
    counted = t.metrics.total(t.tables)
    assert line.what.startswith(f"{counted} custom metrics")
    assert line.dollars == pytest.approx(
        max(0, counted - prices["cloudwatch_free_metrics"]) * prices["cloudwatch_metric_month"]
    )
