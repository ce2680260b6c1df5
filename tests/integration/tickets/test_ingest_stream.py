"""The table's stream consumers (search indexing, reports, SLA, webhooks) read what ingest changed from the
stream: whether an item was written alone, in a batch or in a transaction, the last stream record of each key
is the item as it now stands, and nothing that did not change shows up."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.integration.tickets.conftest import REGION, Stack, olga_mail, stack  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration


class StreamReader:
    def __init__(self) -> None:
        db = boto3.client("dynamodb", region_name=REGION)
        self.streams = boto3.client("dynamodbstreams", region_name=REGION)
        arn = db.describe_table(TableName="helpdesk")["Table"]["LatestStreamArn"]
        shard = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        self.iterator = self.streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]

    def latest_images(self) -> dict[tuple[str, str], dict[str, Any] | None]:
        """Each key's image after the records written since the last call (None: removed)."""
        latest: dict[tuple[str, str], dict[str, Any] | None] = {}
        while True:
            answer = self.streams.get_records(ShardIterator=self.iterator)
            self.iterator = answer["NextShardIterator"]
            for record in answer["Records"]:
                keys = record["dynamodb"]["Keys"]
                latest[(keys["pk"]["S"], keys["sk"]["S"])] = record["dynamodb"].get("NewImage")
            if not answer["Records"]:
                return latest


def table() -> dict[tuple[str, str], dict[str, Any]]:
    items = boto3.client("dynamodb", region_name=REGION).scan(TableName="helpdesk")["Items"]
    return {(i["pk"]["S"], i["sk"]["S"]): i for i in items}


def mail(n: int, reply_to: str = "", references: tuple[str, ...] = ()) -> bytes:
    return olga_mail("stream", n, reply_to, references)


def changes_of(stack: Stack, reader: StreamReader, raw: bytes, key: str) -> tuple[set[Any], set[Any]]:  # noqa: F811
    before = table()
    reader.latest_images()
    stack.receive(raw, key)
    after, streamed = table(), reader.latest_images()
    changed = {k for k, item in after.items() if before.get(k) != item} | (before.keys() - after.keys())
    for k in changed:
        assert streamed.get(k) == after.get(k), k
    return changed, set(streamed)


def test_every_item_a_new_ticket_and_a_reply_change_reaches_the_stream_as_it_stands(stack: Stack) -> None:  # noqa: F811
    reader = StreamReader()
    changed, streamed = changes_of(stack, reader, mail(1), "inbound/1")
    entities = {after["entity"]["S"] for k, after in table().items() if k in changed}
    assert {"ticket", "ticket_facet", "message", "message_id", "outbox_entry", "mail_record"} <= entities
    assert streamed == changed
    ack = stack.last_sent_message_id()
    changed, streamed = changes_of(stack, reader, mail(2, reply_to=ack), "inbound/2")
    entities = {after["entity"]["S"] for k, after in table().items() if k in changed}
    assert {"ticket", "ticket_facet", "message", "message_id", "mail_record"} <= entities
    assert streamed == changed
