"""Every alarm form of template.yaml fires and clears in the local evaluator on the metrics the local stack
publishes: metric math over function errors and API answers, depth growth, bucket size."""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from helpdesk_local.alarms import AlarmEvaluator
from helpdesk_local.metrics import Observed, ObservedMetricsPublisher
from helpdesk_local.observed_names import api_names
from helpdesk_local.provision import Provisioner
from helpdesk_local.template import Created, Resolver
from moto import mock_aws

from tests.support.template_stack import ROOT, template

pytestmark = pytest.mark.integration
REGION = "eu-central-1"


@pytest.fixture
def aws() -> Iterator[dict[str, Any]]:
    """The template's queues, buckets, topic and alarms, created the way the local stack creates them."""
    with mock_aws():
        full = copy.deepcopy(template())
        kinds = (
            "AWS::CloudWatch::Alarm",
            "AWS::SQS::Queue",
            "AWS::SNS::Topic",
            "AWS::S3::Bucket",
            "AWS::DynamoDB::Table",
        )
        subset = {
            **full,
            "Resources": {
                n: {k: v for k, v in r.items() if k != "DependsOn"}
                for n, r in full["Resources"].items()
                if r["Type"] in kinds
            },
        }
        subset["Resources"]["RawMailBucket"]["Properties"].pop("NotificationConfiguration")
        resolver = Resolver(subset, {"Stage": "t"}, REGION)
        for name, spec in full["Resources"].items():
            if spec["Type"].startswith("AWS::Serverless::"):
                resolver.created[name] = Created(ref=name)  # functions and APIs: named by logical id locally
        created = Provisioner(resolver, lambda s: boto3.client(s, region_name=REGION), ROOT).create_all()
        sqs = boto3.client("sqs", region_name=REGION)
        inbox = sqs.create_queue(QueueName="ops-inbox")["QueueUrl"]
        inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        sns = boto3.client("sns", region_name=REGION)
        sns.subscribe(
            TopicArn=created["OpsTopic"].ref,
            Protocol="sqs",
            Endpoint=inbox_arn,
            Attributes={"RawMessageDelivery": "true"},
        )
        cloudwatch = boto3.client("cloudwatch", region_name=REGION)
        yield {
            "cloudwatch": cloudwatch,
            "sns": sns,
            "sqs": sqs,
            "inbox": inbox,
            "created": created,
            "s3": boto3.client("s3", region_name=REGION),
        }


def evaluator(aws: dict[str, Any]) -> AlarmEvaluator:
    return AlarmEvaluator(REGION, aws["cloudwatch"], aws["sns"], threading.Event())


def state(aws: dict[str, Any], suffix: str) -> str:
    return aws["cloudwatch"].describe_alarms(AlarmNames=[f"helpdesk-t-{suffix}"])["MetricAlarms"][0][
        "StateValue"
    ]


def notices(aws: dict[str, Any]) -> list[dict[str, Any]]:
    answer = aws["sqs"].receive_message(QueueUrl=aws["inbox"], MaxNumberOfMessages=10)
    return [json.loads(m["Body"]) for m in answer.get("Messages", [])]


def put_per_minute(
    aws: dict[str, Any], namespace: str, name: str, dims: dict[str, str], values: list[float], now: datetime
) -> None:
    for minutes_ago, value in zip(range(len(values), 0, -1), values, strict=True):
        aws["cloudwatch"].put_metric_data(
            Namespace=namespace,
            MetricData=[
                {
                    "MetricName": name,
                    "Value": value,
                    "Timestamp": now - timedelta(seconds=60 * minutes_ago - 30),
                    "Dimensions": [{"Name": k, "Value": v} for k, v in dims.items()],
                }
            ],
        )


def test_function_error_rate_fires_on_observed_failures_and_clears(aws: dict[str, Any]) -> None:
    observed = Observed()
    for n in range(20):
        observed.invoked("NotifyFunction", failed=n < 4)
    ObservedMetricsPublisher(REGION, aws["cloudwatch"], observed, [], threading.Event()).publish()
    now = datetime.now(UTC) + timedelta(seconds=1)
    alarms = evaluator(aws)
    # One minute of 20 % errors is not enough: three of five periods must breach.
    alarms.evaluate_all(now)
    assert state(aws, "notify-error-rate") == "OK"
    fn = {"FunctionName": "NotifyFunction"}
    put_per_minute(aws, "AWS/Lambda", "Invocations", fn, [10, 10, 10, 10], now - timedelta(minutes=1))
    put_per_minute(aws, "AWS/Lambda", "Errors", fn, [0, 2, 0, 3], now - timedelta(minutes=1))
    alarms.evaluate_all(now)
    assert state(aws, "notify-error-rate") == "ALARM"
    assert [n["AlarmName"] for n in notices(aws)] == ["helpdesk-t-notify-error-rate"]
    alarms.evaluate_all(now + timedelta(minutes=10))
    assert state(aws, "notify-error-rate") == "OK"
    assert [n["NewStateValue"] for n in notices(aws)] == ["OK"]


@pytest.mark.parametrize("api", ["staff", "cabinet", "public"])
def test_api_server_error_rate_counts_answers_from_the_local_gateway(aws: dict[str, Any], api: str) -> None:
    names = api_names(template(), Resolver(template(), {"Stage": "t"}, REGION))
    api_name = names[f"{api.capitalize()}Api"]
    assert api_name == f"helpdesk-{api}-t"
    observed = Observed()
    now = datetime.now(UTC)
    dims = {"ApiName": api_name, "Stage": "api"}
    for status in [200] * 95 + [502] * 3 + [404] * 2:
        observed.answered(api_name, "api", status)
    batch = observed.drain()["AWS/ApiGateway"]
    assert {m["MetricName"]: m["Value"] for m in batch} == {"Count": 100, "5XXError": 3, "4XXError": 2}
    put_per_minute(aws, "AWS/ApiGateway", "Count", dims, [100, 100, 100], now)
    put_per_minute(aws, "AWS/ApiGateway", "5XXError", dims, [3, 0, 2], now)
    evaluator(aws).evaluate_all(now)
    assert state(aws, f"{api}-api-5xx-rate") == "OK"  # two of three periods over 1 %: not yet
    put_per_minute(aws, "AWS/ApiGateway", "5XXError", dims, [0, 5, 0], now)
    evaluator(aws).evaluate_all(now)
    assert state(aws, f"{api}-api-5xx-rate") == "ALARM"
    others = {"staff", "cabinet", "public"} - {api}
    assert {state(aws, f"{o}-api-5xx-rate") for o in others} <= {"OK", "INSUFFICIENT_DATA"}


def test_depth_growing_five_minutes_running_alarms_and_a_plateau_does_not(aws: dict[str, Any]) -> None:
    now = datetime.now(UTC)
    queue = {"QueueName": "helpdesk-ingest-t"}
    put_per_minute(
        aws, "AWS/SQS", "ApproximateNumberOfMessagesVisible", queue, [10, 50, 50, 90, 130, 170], now
    )
    evaluator(aws).evaluate_all(now)
    assert state(aws, "ingest-depth-growing") == "OK"
    later = now + timedelta(minutes=6)
    put_per_minute(
        aws, "AWS/SQS", "ApproximateNumberOfMessagesVisible", queue, [200, 240, 300, 301, 400, 900], later
    )
    evaluator(aws).evaluate_all(later)
    assert state(aws, "ingest-depth-growing") == "ALARM"


def test_bucket_size_alarm_reads_the_size_the_local_stack_publishes(aws: dict[str, Any]) -> None:
    bucket = aws["created"]["RawMailBucket"].ref
    aws["s3"].put_object(Bucket=bucket, Key="inbound/a", Body=b"x" * 1000)
    aws["s3"].put_object(Bucket=bucket, Key="inbound/b", Body=b"x" * 500)
    ObservedMetricsPublisher(REGION, aws["cloudwatch"], Observed(), [bucket], threading.Event()).publish()
    stats = aws["cloudwatch"].get_metric_statistics(
        Namespace="AWS/S3",
        MetricName="BucketSizeBytes",
        Statistics=["Maximum"],
        Period=60,
        Dimensions=[
            {"Name": "BucketName", "Value": bucket},
            {"Name": "StorageType", "Value": "StandardStorage"},
        ],
        StartTime=datetime.now(UTC) - timedelta(minutes=5),
        EndTime=datetime.now(UTC) + timedelta(minutes=1),
    )
    assert [p["Maximum"] for p in stats["Datapoints"]] == [1500.0]
    evaluator(aws).evaluate_all()
    assert state(aws, "raw-mail-size") == "OK"
    aws["cloudwatch"].put_metric_data(
        Namespace="AWS/S3",
        MetricData=[
            {
                "MetricName": "BucketSizeBytes",
                "Value": 60 * 2**30,
                "Dimensions": [
                    {"Name": "BucketName", "Value": bucket},
                    {"Name": "StorageType", "Value": "StandardStorage"},
                ],
            }
        ],
    )
    evaluator(aws).evaluate_all(datetime.now(UTC) + timedelta(seconds=1))
    assert state(aws, "raw-mail-size") == "ALARM"
