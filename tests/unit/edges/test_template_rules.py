"""template.yaml pinned to the code and to the house rules for queues, alarms and workflows."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

from tests.support.template_stack import ROOT, template

pytestmark = pytest.mark.unit


def resources_of(kind: str) -> dict[str, dict]:
    return {n: r for n, r in template()["Resources"].items() if r["Type"] == kind}


def test_template_passes_cfn_lint() -> None:
    from cfnlint.api import ManualArgs, lint

    # SES inbound exists only in some regions; these are the ones the README allows deploying to.
    regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"]
    matches = lint((ROOT / "template.yaml").read_text(), config=ManualArgs(regions=regions))
    serious = [str(m) for m in matches if m.rule.severity.lower() in ("error", "warning")]
    assert serious == []


def _chalice_app(props: dict):  # type: ignore[no-untyped-def]
    module_name, attribute = props["Handler"].rsplit(".", 1)
    sys.path.insert(0, str(ROOT / props["CodeUri"]))
    try:
        return getattr(importlib.import_module(module_name), attribute)
    finally:
        sys.path.pop(0)


def _chalice_routes(props: dict) -> set[tuple[str, str]]:
    app = _chalice_app(props)
    return {(path, method) for path, methods in app.routes.items() for method in methods}


def _api_functions() -> dict[str, dict]:
    return {
        n: f["Properties"]
        for n, f in resources_of("AWS::Serverless::Function").items()
        if any(e["Type"] == "Api" for e in f["Properties"].get("Events", {}).values())
    }


def test_every_route_declares_its_access_and_only_public_routes_skip_the_authorizer() -> None:
    from helpdesk.api.access import route_table, undeclared_routes

    for name, props in _api_functions().items():
        app = _chalice_app(props)
        assert undeclared_routes(app) == set(), name
        public = {key for key, access in route_table(app).items() if access.anonymous}
        unauthenticated = {
            (e["Properties"]["Method"].upper(), e["Properties"]["Path"])
            for e in props["Events"].values()
            if e["Type"] == "Api" and e["Properties"].get("Auth", {}).get("Authorizer") == "NONE"
        }
        assert public == unauthenticated, name


def test_every_chalice_route_has_its_api_event_and_back() -> None:
    checked = 0
    for name, fn in resources_of("AWS::Serverless::Function").items():
        props = fn["Properties"]
        declared = {
            (e["Properties"]["Path"], e["Properties"]["Method"].upper())
            for e in props.get("Events", {}).values()
            if e["Type"] == "Api"
        }
        if not declared:
            continue
        assert _chalice_routes(props) == declared, name
        checked += 1
    assert checked >= 1


def test_queues_have_dead_letter_queues_and_consumers_report_partial_failures() -> None:
    queues = resources_of("AWS::SQS::Queue")
    functions = resources_of("AWS::Serverless::Function")
    consumers = {}
    for fn in functions.values():
        for event in fn["Properties"].get("Events", {}).values():
            if event["Type"] == "SQS":
                consumers[event["Properties"]["Queue"]["Fn::GetAtt"][0]] = (fn, event["Properties"])
    dead_letter_targets = set()
    for name, queue in queues.items():
        policy = queue.get("Properties", {}).get("RedrivePolicy")
        if policy is None:
            continue
        dead_letter_targets.add(policy["deadLetterTargetArn"]["Fn::GetAtt"][0])
        assert int(policy["maxReceiveCount"]) >= 5, name
        fn, event = consumers[name]
        timeout = int(fn["Properties"].get("Timeout", template()["Globals"]["Function"]["Timeout"]))
        assert int(queue["Properties"]["VisibilityTimeout"]) >= 6 * timeout, name
        assert "ReportBatchItemFailures" in event["FunctionResponseTypes"], name
    consumed = set(consumers)
    assert consumed <= {n for n, q in queues.items() if "RedrivePolicy" in q.get("Properties", {})}
    assert dead_letter_targets, "no dead-letter queues at all"


def test_every_dead_letter_queue_has_an_alarm_to_the_ops_topic() -> None:
    dlqs = {n for n in resources_of("AWS::SQS::Queue") if n.endswith("DLQ")}
    alarmed = set()
    for alarm in resources_of("AWS::CloudWatch::Alarm").values():
        props = alarm["Properties"]
        for dim in props.get("Dimensions", []):
            value = dim["Value"]
            if isinstance(value, dict) and "Fn::GetAtt" in value:
                alarmed.add(value["Fn::GetAtt"][0])
        assert {"Ref": "OpsTopic"} in props["AlarmActions"]
    assert dlqs and dlqs <= alarmed


def test_every_state_machine_placeholder_has_a_substitution() -> None:
    for name, machine in resources_of("AWS::Serverless::StateMachine").items():
        props = machine["Properties"]
        text = (ROOT / props["DefinitionUri"]).read_text()
        placeholders = set(re.findall(r"\$\{(\w+)\}", text))
        assert placeholders == set(props.get("DefinitionSubstitutions", {})), name


def test_every_function_has_its_handler_module() -> None:
    for name, fn in resources_of("AWS::Serverless::Function").items():
        props = fn["Properties"]
        module = props["Handler"].rsplit(".", 1)[0]
        assert (ROOT / props["CodeUri"] / f"{module}.py").is_file(), name
        assert Path(props["CodeUri"]).name == module, f"{name}: handler module named after its folder"


def _alarm_metrics(props: dict) -> list[dict]:
    """Every metric an alarm reads: its own, or each MetricStat of its metric math."""
    if "Metrics" in props:
        return [q["MetricStat"]["Metric"] for q in props["Metrics"] if "MetricStat" in q]
    return [props]


def _dimension_targets(metric: dict, name: str) -> set[str]:
    found = set()
    for dim in metric.get("Dimensions", []):
        value = dim["Value"]
        if dim["Name"] == name and isinstance(value, dict):
            found.add(value["Fn::GetAtt"][0] if "Fn::GetAtt" in value else value.get("Ref"))
    return found


def test_every_source_queue_has_an_age_alarm() -> None:
    sources = {n for n, q in resources_of("AWS::SQS::Queue").items() if "RedrivePolicy" in q["Properties"]}
    aged = set()
    for alarm in resources_of("AWS::CloudWatch::Alarm").values():
        for metric in _alarm_metrics(alarm["Properties"]):
            if metric.get("MetricName") == "ApproximateAgeOfOldestMessage":
                aged |= _dimension_targets(metric, "QueueName")
    assert sources and sources <= aged, sources - aged


def test_every_function_has_an_error_rate_alarm() -> None:
    functions = set(resources_of("AWS::Serverless::Function"))
    rated = set()
    for alarm in resources_of("AWS::CloudWatch::Alarm").values():
        props = alarm["Properties"]
        metrics = {m.get("MetricName"): _dimension_targets(m, "FunctionName") for m in _alarm_metrics(props)}
        if {"Errors", "Invocations"} <= set(metrics) and metrics["Errors"] == metrics["Invocations"]:
            rated |= metrics["Errors"]
    assert functions and functions <= rated, functions - rated


def test_every_alarm_reports_both_ways_to_the_ops_topic() -> None:
    for name, alarm in resources_of("AWS::CloudWatch::Alarm").items():
        props = alarm["Properties"]
        assert props["AlarmActions"] == [{"Ref": "OpsTopic"}] == props["OKActions"], name


def test_every_metric_math_alarm_returns_exactly_one_series() -> None:
    for name, alarm in resources_of("AWS::CloudWatch::Alarm").items():
        queries = alarm["Properties"].get("Metrics")
        if queries:
            assert [q["Id"] for q in queries if q.get("ReturnData", True)] == ["result"], name


def test_every_api_has_a_name_and_its_own_server_error_rate_alarm() -> None:
    apis = resources_of("AWS::Serverless::Api")
    alarmed: dict[str, str] = {}  # ApiName as written in the template -> alarm
    for alarm_name, alarm in resources_of("AWS::CloudWatch::Alarm").items():
        props = alarm["Properties"]
        metrics = {
            m.get("MetricName"): m for m in _alarm_metrics(props) if m.get("Namespace") == "AWS/ApiGateway"
        }
        if {"5XXError", "Count"} <= set(metrics):
            dims = [
                {d["Name"]: str(d["Value"]) for d in metrics[n]["Dimensions"]} for n in ("5XXError", "Count")
            ]
            assert dims[0] == dims[1], f"{alarm_name}: errors and requests of different APIs"
            assert "result" in {q["Id"] for q in props["Metrics"]}, f"{alarm_name}: a rate, not a count"
            alarmed[dims[0]["ApiName"]] = alarm_name
            stages = {str(a["Properties"]["StageName"]) for a in apis.values()}
            assert dims[0]["Stage"] in stages, alarm_name
    assert apis
    for logical_id, api in apis.items():
        name = api["Properties"].get("Name")
        assert name, f"{logical_id} needs a Name: unnamed APIs all share the stack's name in metrics"
        assert str(name) in alarmed, f"{logical_id} has no 5XXError rate alarm on ApiName {name}"
    names = [str(a["Properties"]["Name"]) for a in apis.values()]
    assert len(set(names)) == len(names)
