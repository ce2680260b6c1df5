"""Alarms of template.yaml fire and clear on the local stack, and their changes reach the operations topic."""

from __future__ import annotations

import json

import pytest

from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def test_dead_letter_alarm_fires_and_notifies_ops(local: LocalProcess) -> None:
    sqs, sns, cw = local.client("sqs"), local.client("sns"), local.client("cloudwatch")
    listener = sqs.create_queue(QueueName="test-ops-listener")["QueueUrl"]
    listener_arn = sqs.get_queue_attributes(QueueUrl=listener, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    topic = next(t["TopicArn"] for t in sns.list_topics()["Topics"] if "helpdesk-ops" in t["TopicArn"])
    sns.subscribe(
        TopicArn=topic, Protocol="sqs", Endpoint=listener_arn, Attributes={"RawMessageDelivery": "true"}
    )
    dlq = sqs.get_queue_url(QueueName="helpdesk-outbound-dlq-local")["QueueUrl"]
    sqs.send_message(QueueUrl=dlq, MessageBody="a mail that could not be sent")
    alarm = "helpdesk-local-outbound-dlq-not-empty"

    def state() -> str:
        return cw.describe_alarms(AlarmNames=[alarm])["MetricAlarms"][0]["StateValue"]

    local.wait_for(lambda: state() == "ALARM", timeout=60)

    def notices() -> list[dict]:
        got = sqs.receive_message(QueueUrl=listener, MaxNumberOfMessages=10, WaitTimeSeconds=1).get(
            "Messages", []
        )
        return [json.loads(m["Body"]) for m in got]

    seen = local.wait_for(lambda: [n for n in notices() if n.get("AlarmName") == alarm], timeout=30)
    assert seen[0]["NewStateValue"] == "ALARM" and seen[0]["OldStateValue"] in ("OK", "INSUFFICIENT_DATA")
    sqs.purge_queue(
        QueueUrl=dlq
    )  # clearing takes a full 60 s metric period, as on AWS: measured in tests/bench
