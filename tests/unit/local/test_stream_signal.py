"""An idle stream reader is woken by the record itself, not by its next poll."""

from __future__ import annotations

import threading

import boto3
import pytest
from helpdesk_local.delivery import StreamPoller
from helpdesk_local.stream_signal import NEW_RECORDS, StreamSignal, announce_stream_records
from moto import mock_aws

from tests.support.tables import create_helpdesk_table
from tests.unit.local.test_stream_consumers import Recorder

pytestmark = pytest.mark.unit
REGION = "eu-central-1"
LONG = 120.0  # a pause this long would outlive the test's bound: only a wake-up ends it in time


def test_a_wait_ends_with_an_announcement_made_after_what_the_waiter_saw() -> None:
    signal = StreamSignal()
    seen = signal.generation
    assert signal.wait_past(seen, 0.0) is False
    signal.announce()
    assert signal.wait_past(seen, LONG) is True  # already announced: no wait at all


def test_a_put_wakes_a_reader_that_found_nothing_and_it_reads_the_record() -> None:
    with mock_aws():
        announce_stream_records()
        create_helpdesk_table("helpdesk", REGION)
        db = boto3.client("dynamodb", region_name=REGION)
        arn = db.describe_table(TableName="helpdesk")["Table"]["LatestStreamArn"]
        reader = Recorder("StreamIndexerFunction")
        poller = StreamPoller(
            reader,  # type: ignore[arg-type]
            {"Stream": arn},
            boto3.client("dynamodbstreams", region_name=REGION),
            boto3.client("sqs", region_name=REGION),
            {},
            REGION,
            threading.Event(),
            {},
        )
        assert poller.step() is False
        paused = threading.Thread(target=poller.pause, args=(LONG,))
        paused.start()
        db.put_item(TableName="helpdesk", Item={"pk": {"S": "A"}, "sk": {"S": "X"}})
        paused.join(timeout=30)
        assert not paused.is_alive()
        assert poller.step() is True and reader.seen == ["A"]


def test_the_announcement_is_installed_once() -> None:
    announce_stream_records()
    before = NEW_RECORDS.generation
    announce_stream_records()
    with mock_aws():
        create_helpdesk_table("helpdesk", REGION)
        boto3.client("dynamodb", region_name=REGION).put_item(
            TableName="helpdesk", Item={"pk": {"S": "A"}, "sk": {"S": "X"}}
        )
    assert NEW_RECORDS.generation == before + 1
