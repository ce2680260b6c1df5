"""A snapshot of the emulator holds the data, not the stream pollers' used-up shard iterators (moto keeps
every one it hands out: an hour of polling made snapshots ten times the size of the data)."""

from __future__ import annotations

import pickle
from pathlib import Path

import boto3
import pytest
from helpdesk_local.state import LIVE_SHARD_ITERATORS, BlobStore, snapshot
from moto import mock_aws
from moto.dynamodbstreams.models import dynamodbstreams_backends

pytestmark = pytest.mark.unit
REGION = "eu-central-1"


def _table_with_a_stream() -> tuple[str, str]:
    db = boto3.client("dynamodb", region_name=REGION)
    table = db.create_table(
        TableName="t",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )["TableDescription"]
    db.put_item(TableName="t", Item={"pk": {"S": "a"}})
    streams = boto3.client("dynamodbstreams", region_name=REGION)
    shard = streams.describe_stream(StreamArn=table["LatestStreamArn"])["StreamDescription"]["Shards"][0]
    return table["LatestStreamArn"], shard["ShardId"]


def _poll(arn: str, shard_id: str, times: int) -> None:
    streams = boto3.client("dynamodbstreams", region_name=REGION)
    for _ in range(times):
        start = {"StreamArn": arn, "ShardId": shard_id, "ShardIteratorType": "TRIM_HORIZON"}
        streams.get_records(ShardIterator=streams.get_shard_iterator(**start)["ShardIterator"])


def _iterators() -> int:
    return sum(len(b.shard_iterators) for _, _, b in dynamodbstreams_backends.iter_backends())


def test_used_shard_iterators_stay_out_of_snapshots_and_memory_keeps_the_newest(tmp_path: Path) -> None:
    with mock_aws():
        arn, shard_id = _table_with_a_stream()
        _poll(arn, shard_id, 5)
        small = len(snapshot({}, BlobStore(tmp_path)))
        _poll(arn, shard_id, LIVE_SHARD_ITERATORS)  # two iterators a poll: more than are kept
        assert _iterators() == 10 + 2 * LIVE_SHARD_ITERATORS
        data = snapshot({}, BlobStore(tmp_path))
        assert len(data) < small * 1.1
        assert _iterators() == LIVE_SHARD_ITERATORS
        _poll(arn, shard_id, 1)  # polling goes on after a snapshot
        restored = pickle.loads(data)  # noqa: S301 - made by this test
        assert restored["backends"]["dynamodb"]
