"""The emulator's TransactWriteItems and BatchWriteItem held to what DynamoDB's documentation says, with
moto's own transactions and with the patch that undoes a cancelled one by the items it names
(helpdesk_local/emulator_transactions.py).

Documented (DynamoDB Developer Guide, "Amazon DynamoDB Transactions" and "Change data capture for DynamoDB
Streams"; API reference, TransactWriteItems): the actions succeed or fail together; a cancelled transaction
answers TransactionCanceledException with one reason per action, in order ("None" for the ones that did not
fail); two actions on one item are a ValidationException; each item a committed transaction or a
BatchWriteItem puts, updates or deletes appears once in the table's stream (INSERT, MODIFY or REMOVE), a
ConditionCheck never; a cancelled transaction leaves no trace, in the table or in the stream.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from helpdesk_local.emulator_transactions import back_up_named_items_only, moto_own_transactions
from moto import mock_aws

from tests.support.tables import create_helpdesk_table

pytestmark = pytest.mark.unit
REGION = "eu-central-1"
TABLE = "helpdesk"


class Stack:
    def __init__(self) -> None:
        self.db = boto3.client("dynamodb", region_name=REGION)
        self.streams = boto3.client("dynamodbstreams", region_name=REGION)
        arn = self.db.describe_table(TableName=TABLE)["Table"]["LatestStreamArn"]
        shard = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        self.iterator = self.streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]

    def new_records(self) -> list[tuple[str, str]]:
        """(event, sort key) of the stream records written since the last call, read on one iterator."""
        answer = self.streams.get_records(ShardIterator=self.iterator)
        self.iterator = answer["NextShardIterator"]
        return [(r["eventName"], r["dynamodb"]["Keys"]["sk"]["S"]) for r in answer["Records"]]

    def item(self, sk: str) -> dict[str, Any] | None:
        return self.db.get_item(TableName=TABLE, Key=key(sk), ConsistentRead=True).get("Item")

    def put(self, sk: str, **attributes: str) -> None:
        self.db.put_item(TableName=TABLE, Item=row(sk, **attributes))


def key(sk: str) -> dict[str, Any]:
    return {"pk": {"S": "TICKET#1"}, "sk": {"S": sk}}


def row(sk: str, **attributes: str) -> dict[str, Any]:
    return {**key(sk), **{name: {"S": value} for name, value in attributes.items()}}


@pytest.fixture(params=["moto", "patched"])
def stack(request: pytest.FixtureRequest) -> Iterator[Stack]:
    """What moto does right by itself, asked of both."""
    yield from running(own=request.param == "moto")


@pytest.fixture
def patched() -> Iterator[Stack]:
    yield from running(own=False)


@pytest.fixture
def moto_alone() -> Iterator[Stack]:
    yield from running(own=True)


def running(own: bool) -> Iterator[Stack]:
    back_up_named_items_only()
    with mock_aws(), moto_own_transactions() if own else nullcontext():
        create_helpdesk_table(TABLE, REGION)
        yield Stack()


def mixed(condition_holds: bool) -> list[dict[str, Any]]:
    absent = "attribute_not_exists(pk)" if condition_holds else "attribute_exists(pk)"
    return [
        {
            "Put": {
                "TableName": TABLE,
                "Item": row("NEW", v="1"),
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        },
        {
            "Update": {
                "TableName": TABLE,
                "Key": key("OLD"),
                "UpdateExpression": "SET v = :v",
                "ExpressionAttributeValues": {":v": {"S": "2"}},
            }
        },
        {"Delete": {"TableName": TABLE, "Key": key("GONE")}},
        {"ConditionCheck": {"TableName": TABLE, "Key": key("ABSENT"), "ConditionExpression": absent}},
    ]


def test_a_committed_transaction_writes_each_changed_item_once_to_the_stream(stack: Stack) -> None:
    stack.put("OLD", v="1")
    stack.put("GONE", v="1")
    stack.new_records()
    stack.db.transact_write_items(TransactItems=mixed(condition_holds=True))
    assert stack.item("NEW") == row("NEW", v="1")
    assert stack.item("OLD") == row("OLD", v="2")
    assert stack.item("GONE") is None
    assert stack.new_records() == [("INSERT", "NEW"), ("MODIFY", "OLD"), ("REMOVE", "GONE")]


def test_a_cancelled_transaction_leaves_no_trace_and_gives_a_reason_per_action(patched: Stack) -> None:
    stack = patched
    stack.put("OLD", v="1")
    stack.put("GONE", v="1")
    stack.new_records()
    with pytest.raises(ClientError) as refused:
        stack.db.transact_write_items(TransactItems=mixed(condition_holds=False))
    assert refused.value.response["Error"]["Code"] == "TransactionCanceledException"
    reasons = [r["Code"] for r in refused.value.response["CancellationReasons"]]
    assert reasons == ["None", "None", "None", "ConditionalCheckFailed"]
    assert stack.item("NEW") is None
    assert stack.item("OLD") == row("OLD", v="1")
    assert stack.item("GONE") == row("GONE", v="1")
    assert stack.new_records() == []
    stack.put("LATER", v="1")
    assert stack.new_records() == [("INSERT", "LATER")]  # the stream goes on where it was


def test_two_actions_on_one_item_are_refused_before_anything_is_written(patched: Stack) -> None:
    stack = patched
    stack.new_records()
    twice = [
        {"Put": {"TableName": TABLE, "Item": row("A", v="1")}},
        {"Put": {"TableName": TABLE, "Item": row("B", v="1")}},
        {"Delete": {"TableName": TABLE, "Key": key("A")}},
    ]
    with pytest.raises(ClientError) as refused:
        stack.db.transact_write_items(TransactItems=twice)
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    assert stack.item("A") is None and stack.item("B") is None
    assert stack.new_records() == []


def test_each_item_of_a_batch_write_reaches_the_stream(stack: Stack) -> None:
    stack.put("GONE", v="1")
    stack.new_records()
    stack.db.batch_write_item(
        RequestItems={
            TABLE: [
                {"PutRequest": {"Item": row("A", v="1")}},
                {"PutRequest": {"Item": row("B", v="1")}},
                {"DeleteRequest": {"Key": key("GONE")}},
            ]
        }
    )
    assert stack.new_records() == [("INSERT", "A"), ("INSERT", "B"), ("REMOVE", "GONE")]


def test_the_patch_copies_no_table_and_keeps_the_table_a_reader_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What moto lacks: it deep-copies each named table once per action and swaps the copy in when a
    transaction is cancelled. Patched, a cancelled transaction leaves the same table and stream objects."""
    from moto.dynamodb.models import dynamodb_backends
    from moto.dynamodb.models.table import Table

    back_up_named_items_only()
    with mock_aws():
        create_helpdesk_table(TABLE, REGION)
        stack = Stack()
        stack.put("OLD", v="1")
        stack.put("GONE", v="1")
        table = dynamodb_backends["123456789012"][REGION].tables[TABLE]
        shard = table.stream_shard

        def no_copies(self: Any, memo: Any) -> Any:
            raise AssertionError("a whole table was copied")

        monkeypatch.setattr(Table, "__deepcopy__", no_copies, raising=False)
        with pytest.raises(ClientError):
            stack.db.transact_write_items(TransactItems=mixed(condition_holds=False))
        stack.db.transact_write_items(TransactItems=mixed(condition_holds=True))
        assert dynamodb_backends["123456789012"][REGION].tables[TABLE] is table
        assert table.stream_shard is shard
        with moto_own_transactions(), pytest.raises(AssertionError, match="whole table"):
            stack.db.transact_write_items(TransactItems=mixed(condition_holds=False))


def test_moto_alone_shows_a_reader_the_records_of_a_cancelled_transaction(moto_alone: Stack) -> None:
    """The gap the patch closes, as moto 5.2 has it: the cancelled writes reach the stream shard a reader
    holds, then the table is swapped for its copy, so that reader sees phantom records and never the next
    real one."""
    stack = moto_alone
    stack.put("OLD", v="1")
    stack.put("GONE", v="1")
    stack.new_records()
    with pytest.raises(ClientError):
        stack.db.transact_write_items(TransactItems=mixed(condition_holds=False))
    assert stack.new_records() == [("INSERT", "NEW"), ("MODIFY", "OLD"), ("REMOVE", "GONE")]
    stack.put("LATER", v="1")
    assert stack.new_records() == []
