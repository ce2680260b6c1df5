"""The local stack's template reader: intrinsics and creation order."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpdesk_local.delivery import rate_seconds
from helpdesk_local.gateway import base_path
from helpdesk_local.provision import creation_order
from helpdesk_local.template import Created, Resolver

pytestmark = pytest.mark.unit

TEMPLATE = {
    "Parameters": {"Stage": {"Type": "String", "Default": "prod"}, "Mail": {"Type": "String", "Default": ""}},
    "Conditions": {"HasMail": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Mail"}, ""]}]}},
    "Resources": {
        "Queue": {
            "Type": "AWS::SQS::Queue",
            "Properties": {"RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["DLQ", "Arn"]}}},
        },
        "DLQ": {"Type": "AWS::SQS::Queue"},
        "Topic": {"Type": "AWS::SNS::Topic", "DependsOn": "Queue"},
    },
}


def resolver(**params: str) -> Resolver:
    r = Resolver(TEMPLATE, params, "eu-central-1")
    r.created["DLQ"] = Created(ref="https://q/dlq", attrs={"Arn": "arn:dlq", "QueueName": "dlq"})
    return r


def test_sub_resolves_parameters_pseudo_parameters_attributes_and_variables() -> None:
    r = resolver(Stage="local")
    assert r.resolve({"Fn::Sub": "x-${Stage}-${AWS::Region}-${DLQ.QueueName}"}) == "x-local-eu-central-1-dlq"
    assert r.resolve({"Fn::Sub": ["${A}/${Stage}", {"A": {"Ref": "DLQ"}}]}) == "https://q/dlq/local"
    assert r.resolve({"Fn::Sub": "${!Literal}"}) == "${Literal}"


def test_join_select_split_if_and_no_value() -> None:
    r = resolver(Mail="ops@example.com")
    assert r.resolve({"Fn::Join": [",", [{"Ref": "Stage"}, {"Fn::GetAtt": "DLQ.Arn"}]]}) == "prod,arn:dlq"
    assert r.resolve({"Fn::Select": [1, {"Fn::Split": [",", "a,b,c"]}]}) == "b"
    assert r.resolve({"Fn::If": ["HasMail", {"Ref": "Mail"}, {"Ref": "AWS::NoValue"}]}) == "ops@example.com"
    assert resolver().resolve({"K": {"Fn::If": ["HasMail", "x", {"Ref": "AWS::NoValue"}]}}) == {}


def test_a_reference_to_something_not_created_is_an_error() -> None:
    with pytest.raises(KeyError):
        resolver().resolve({"Ref": "Queue"})


def test_resources_are_created_after_what_they_reference() -> None:
    order = creation_order(TEMPLATE["Resources"])
    assert order.index("DLQ") < order.index("Queue") < order.index("Topic")


def test_circular_references_are_refused() -> None:
    loop = {"A": {"Type": "T", "Properties": {"X": {"Ref": "B"}}}, "B": {"Type": "T", "DependsOn": "A"}}
    with pytest.raises(ValueError, match="circular"):
        creation_order(loop)


@pytest.mark.parametrize(
    ("expression", "seconds"), [("rate(5 minutes)", 300), ("rate(1 hour)", 3600), ("rate(2 days)", 172800)]
)
def test_schedule_rates(expression: str, seconds: int) -> None:
    assert rate_seconds(expression) == seconds


def test_cron_expressions_are_refused_loudly() -> None:
    with pytest.raises(ValueError, match="rate"):
        rate_seconds("cron(0 12 * * ? *)")


def test_api_base_paths_come_from_logical_ids() -> None:
    assert base_path("StaffApi") == "staff" and base_path("CabinetApi") == "cabinet"


def test_gateway_routes_match_path_parameters_and_prefer_literal_segments() -> None:
    from helpdesk_local.functions import LocalFunction
    from helpdesk_local.gateway import build_routes

    fn = LocalFunction(
        "Api",
        Path("."),
        "m.app",
        3,
        {},
        {
            "One": {"Type": "Api", "RestApiId": "StaffApi", "Path": "/tickets/{ticket_id}", "Method": "get"},
            "Two": {"Type": "Api", "RestApiId": "StaffApi", "Path": "/tickets/search", "Method": "get"},
        },
    )
    template = {"Resources": {"StaffApi": {"Properties": {}}}}
    routes = build_routes({"Api": fn}, template)
    matched = [(r.resource, m.groupdict()) for r in routes if (m := r.pattern.match("/tickets/HD-100042"))]
    assert matched == [("/tickets/{ticket_id}", {"ticket_id": "HD-100042"})]
    assert routes[0].resource == "/tickets/search"
