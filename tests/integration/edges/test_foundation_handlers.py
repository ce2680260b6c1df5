"""Handlers in-process under moto, on resources built from template.yaml, fed the sample events in events/."""

from __future__ import annotations

import json
from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from tests.integration.commerce.conftest import sent_mail
from tests.support.lambdas import invoke, sample_event
from tests.support.log_lines import logged
from tests.support.template_stack import TemplateStack, provision

pytestmark = pytest.mark.integration


@pytest.fixture
def aws() -> Iterator[TemplateStack]:
    with mock_aws():
        yield provision()


def test_health_lists_every_queue_and_flags_a_filled_dead_letter_queue(aws: TemplateStack) -> None:
    answer = invoke("StaffApiFunction", sample_event("staff_api/health.json"))
    assert answer["statusCode"] == 200
    body = json.loads(answer["body"])
    assert body["status"] == "ok"
    assert {q["name"] for q in body["queues"]} == set(aws.env["QUEUE_NAMES"].split(","))

    boto3.client("sqs", region_name="eu-central-1").send_message(
        QueueUrl=aws.ref("NotifyDLQ"), MessageBody="x"
    )
    body = json.loads(invoke("StaffApiFunction", sample_event("staff_api/health.json"))["body"])
    assert body["status"] == "degraded"
    assert [q["visible"] for q in body["queues"] if q["name"] == "helpdesk-notify-dlq-test"] == [1]


def test_notify_reports_only_the_poison_record_and_stores_the_good_one(
    aws: TemplateStack, capsys: pytest.CaptureFixture, caplog: pytest.LogCaptureFixture
) -> None:
    event = sample_event("notify/one_good_one_poison.json")
    answer = invoke("NotifyFunction", event)
    assert answer == {"batchItemFailures": [{"itemIdentifier": event["Records"][1]["messageId"]}]}
    items = boto3.client("dynamodb", region_name="eu-central-1").query(
        TableName=aws.ref("HelpdeskTable"),
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "NOTICE#alice@acme.example"}},
    )["Items"]
    assert [i["subject"]["S"] for i in items] == ["Your order 10042 is paid"]

    invoke("NotifyFunction", event)  # redelivery of the same batch
    assert [line["outcome"] for line in logged(caplog, "notice")] == ["stored", "duplicate"]
    # The business count is a log field; the queue worker's four metrics are the only metrics published.
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    published = [doc["_aws"]["CloudWatchMetrics"][0]["Metrics"] for doc in lines if "_aws" in doc]
    names = {m["Name"] for metrics in published for m in metrics}
    assert names == {"RecordsProcessed", "RecordsFailed", "BatchDuration", "RecordAge"}
    again = boto3.client("dynamodb", region_name="eu-central-1").query(
        TableName=aws.ref("HelpdeskTable"),
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "NOTICE#alice@acme.example"}},
    )["Items"]
    assert len(again) == 1


def test_outbound_sends_the_lifecycle_reminder_once_and_fails_the_malformed_one(aws: TemplateStack) -> None:
    from helpdesk.bootstrap import container
    from helpdesk.tickets.model.customer import Customer

    container().ticket_stores.customers.save(Customer.for_email("alice@acme.example", "Alice Adams"))
    event = sample_event("outbound_mail/reminder_and_poison.json")
    answer = invoke("OutboundMailFunction", event)
    assert answer == {"batchItemFailures": [{"itemIdentifier": event["Records"][1]["messageId"]}]}
    invoke("OutboundMailFunction", event)  # redelivery of the same batch
    # One mail (SES's send quota counts a raw mail's header recipients and envelope both: count the mails).
    assert len(sent_mail("alice@acme.example")) == 1
