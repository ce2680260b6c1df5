"""Stream records every reader has processed leave the emulator before a snapshot; nothing unread goes, and
the numbering of what stays and of what comes next is unchanged."""

from __future__ import annotations

import threading
from typing import Any

import boto3
import pytest
from helpdesk_local.delivery import StreamPoller
from helpdesk_local.stream_retention import trim_consumed
from moto import mock_aws
from moto.dynamodb.models import dynamodb_backends

from tests.support.tables import create_helpdesk_table
from tests.unit.local.test_stream_consumers import Recorder

pytestmark = pytest.mark.unit
REGION = "eu-central-1"


class Stream:
    def __init__(self) -> None:
        create_helpdesk_table("helpdesk", REGION)
        self.db = boto3.client("dynamodb", region_name=REGION)
        self.arn = self.db.describe_table(TableName="helpdesk")["Table"]["LatestStreamArn"]
        self.streams = boto3.client("dynamodbstreams", region_name=REGION)
        self.checkpoints: dict[str, str] = {}

    def reader(self, name: str) -> tuple[Recorder, StreamPoller]:
        fn = Recorder(name)
        sqs = boto3.client("sqs", region_name=REGION)
        event = {"Stream": self.arn}
        return fn, StreamPoller(fn, event, self.streams, sqs, {}, REGION, threading.Event(), self.checkpoints)  # type: ignore[arg-type]

    def put(self, *keys: str) -> None:
        for key in keys:
            self.db.put_item(TableName="helpdesk", Item={"pk": {"S": key}, "sk": {"S": "X"}})

    def kept(self) -> int:
        table = dynamodb_backends["123456789012"][REGION].tables["helpdesk"]
        return len(table.stream_shard.items)

    def trim(self, *readers: str) -> int:
        return trim_consumed([(name, self.arn) for name in readers], self.checkpoints)


def test_what_every_reader_processed_goes_and_both_read_on_without_a_gap() -> None:
    with mock_aws():
        stream = Stream()
        fast, fast_poller = stream.reader("StreamIndexerFunction")
        slow, slow_poller = stream.reader("WebhookEventsFunction")
        stream.put("A", "B", "C")
        fast_poller.step()
        stream.put("D")
        slow_poller.step()  # the slow one has read A..D, the fast one only A..C

        assert stream.trim(fast.name, slow.name) == 3
        assert stream.kept() == 1

        stream.put("E")
        fast_poller.step()
        slow_poller.step()
        assert fast.seen == slow.seen == ["A", "B", "C", "D", "E"]
        sequence = [r["dynamodb"]["SequenceNumber"] for r in _records_from_the_start(stream)]
        assert len(sequence) == 2 and int(sequence[1]) == int(sequence[0]) + 1


def test_a_reader_that_has_read_nothing_yet_keeps_every_record() -> None:
    with mock_aws():
        stream = Stream()
        reader, poller = stream.reader("StreamIndexerFunction")
        stream.put("A", "B")
        poller.step()

        assert stream.trim(reader.name, "ReportsRollupFunction") == 0
        assert stream.kept() == 2
        late, late_poller = stream.reader("ReportsRollupFunction")
        late_poller.step()
        assert late.seen == ["A", "B"]


def test_a_stream_nobody_reads_is_left_alone() -> None:
    with mock_aws():
        stream = Stream()
        stream.put("A")
        assert stream.trim() == 0
        assert stream.kept() == 1


def _records_from_the_start(stream: Stream) -> list[dict[str, Any]]:
    shard = stream.streams.describe_stream(StreamArn=stream.arn)["StreamDescription"]["Shards"][0]
    start = {"StreamArn": stream.arn, "ShardId": shard["ShardId"], "ShardIteratorType": "TRIM_HORIZON"}
    iterator = stream.streams.get_shard_iterator(**start)["ShardIterator"]
    return list(stream.streams.get_records(ShardIterator=iterator)["Records"])
