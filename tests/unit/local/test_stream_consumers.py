"""Two functions on one table stream each read every record, as two Lambda event source mappings do."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from helpdesk_local.delivery import StreamPoller
from moto import mock_aws

from tests.support.tables import create_helpdesk_table

pytestmark = pytest.mark.unit
REGION = "eu-central-1"


@dataclass
class Recorder:
    name: str
    seen: list[str] = field(default_factory=list)

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        self.seen += [r["dynamodb"]["Keys"]["pk"]["S"] for r in event["Records"]]
        return {"batchItemFailures": []}


def test_each_stream_consumer_keeps_its_own_position() -> None:
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        db = boto3.client("dynamodb", region_name=REGION)
        arn = db.describe_table(TableName="helpdesk")["Table"]["LatestStreamArn"]
        streams = boto3.client("dynamodbstreams", region_name=REGION)
        sqs = boto3.client("sqs", region_name=REGION)
        checkpoints: dict[str, str] = {}  # shared, as the stack shares one persisted dict
        indexer, hooks = Recorder("StreamIndexerFunction"), Recorder("WebhookEventsFunction")
        pollers = [
            StreamPoller(fn, {"Stream": arn}, streams, sqs, {}, REGION, threading.Event(), checkpoints)  # type: ignore[arg-type]
            for fn in (indexer, hooks)
        ]
        for n in range(3):
            db.put_item(TableName="helpdesk", Item={"pk": {"S": f"X#{n}"}, "sk": {"S": "X"}})
            for poller in pollers:
                poller.step()
        assert indexer.seen == hooks.seen == ["X#0", "X#1", "X#2"]
