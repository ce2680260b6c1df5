"""The local stack's faster moto answers exactly what moto answers: the same operations run with moto's own
code and with the speed-ups, and every observable result is compared."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from helpdesk_local.emulator_speedups import restore_emulator, speed_up_emulator
from moto import mock_aws

pytestmark = pytest.mark.unit
REGION = "eu-central-1"
ITEM = {
    "pk": {"S": "TICKET#1"},
    "sk": {"S": "META"},
    "text": {"S": "Hello"},
    "empty": {"S": ""},
    "count": {"N": "12.5"},
    "blob": {"B": b"\x00\x01binary"},
    "tags": {"SS": ["a", "b"]},
    "numbers": {"NS": ["1", "2"]},
    "blobs": {"BS": [b"x", b"y"]},
    "flag": {"BOOL": False},
    "yes": {"BOOL": True},
    "nothing": {"NULL": True},
    "nested": {"M": {"inner": {"L": [{"S": "z"}, {"N": "3"}, {"M": {}}, {"B": b"q"}]}, "e": {"L": []}}},
}


@pytest.fixture(autouse=True)
def moto_own_code_afterwards() -> Iterator[None]:
    restore_emulator()
    yield
    restore_emulator()


def both(scenario: Callable[[], Any]) -> tuple[Any, Any]:
    """The scenario's observations with moto's own code, then with the speed-ups (fresh state each)."""
    with mock_aws():
        plain = scenario()
    speed_up_emulator()
    with mock_aws():
        fast = scenario()
    return plain, fast


def sqs_scenario() -> list[Any]:
    sqs = boto3.client("sqs", region_name=REGION)
    seen: list[Any] = []
    dlq = sqs.create_queue(QueueName="dead")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url = sqs.create_queue(
        QueueName="work",
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})},
    )["QueueUrl"]

    def counts() -> dict[str, str]:
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        names.append("ApproximateNumberOfMessagesDelayed")
        return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]

    for n in range(25):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{n}", DelaySeconds=900 if n % 5 == 0 else 0)
    seen.append(counts())
    first = sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=600, MessageSystemAttributeNames=["All"]
    )["Messages"]
    seen.append(sorted(m["Body"] for m in first))
    seen.append(counts())
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"])
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"])  # again: accepted
    with pytest.raises(sqs.exceptions.ReceiptHandleIsInvalid):
        sqs.delete_message(QueueUrl=url, ReceiptHandle="never-issued")
    done = sqs.delete_message_batch(
        QueueUrl=url,
        Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(first[1:4])],
    )
    seen.append(sorted(e["Id"] for e in done["Successful"]))
    seen.append(counts())
    for m in first[4:]:  # back at once: received again, then once more, then redriven
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=0)
    for _ in range(3):
        again = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
        seen.append(sorted(m["Body"] for m in again.get("Messages", [])))
    seen.append(counts())
    dead = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10)
    seen.append(sorted(m["Body"] for m in dead.get("Messages", [])))
    return seen


def test_sqs_sends_receives_deletes_counts_and_redrives_alike() -> None:
    plain, fast = both(sqs_scenario)
    assert fast == plain
    assert plain[0]["ApproximateNumberOfMessagesDelayed"] == "5"  # the scenario sees what it means to


def dynamodb_scenario() -> list[Any]:
    ddb = boto3.client("dynamodb", region_name=REGION)
    keys = [("pk", "S"), ("sk", "S"), ("gpk", "S"), ("gsk", "S")]
    ddb.create_table(
        TableName="t",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in keys],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "gsi",
                "KeySchema": [
                    {"AttributeName": "gpk", "KeyType": "HASH"},
                    {"AttributeName": "gsk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    for p in range(6):
        for s in range(8):
            item = {"pk": {"S": f"P{p}"}, "sk": {"S": f"S{s:02}"}, "v": {"N": str(p * s)}}
            if s % 2:
                item |= {"gpk": {"S": f"G{p % 2}"}, "gsk": {"S": f"{s:02}-{p}"}}
            ddb.put_item(TableName="t", Item=item)
    ddb.put_item(TableName="t", Item=ITEM)
    seen: list[Any] = []

    def query(**kwargs: Any) -> None:
        answer = ddb.query(TableName="t", **kwargs)
        seen.append((answer["Items"], answer["Count"], answer.get("LastEvaluatedKey")))

    query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "P3"}})
    query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "nobody"}})
    query(
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": {"S": "P2"}, ":s": {"S": "S0"}},
        ScanIndexForward=False,
        Limit=3,
    )
    query(
        KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
        FilterExpression="v > :n",
        ExpressionAttributeValues={
            ":p": {"S": "P4"},
            ":a": {"S": "S02"},
            ":b": {"S": "S06"},
            ":n": {"N": "10"},
        },
    )
    first = ddb.query(
        TableName="t",
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "P5"}},
        Limit=5,
    )
    query(
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "P5"}},
        ExclusiveStartKey=first["LastEvaluatedKey"],
    )
    query(IndexName="gsi", KeyConditionExpression="gpk = :g", ExpressionAttributeValues={":g": {"S": "G1"}})
    seen.append(ddb.get_item(TableName="t", Key={"pk": {"S": "TICKET#1"}, "sk": {"S": "META"}})["Item"])
    seen.append(sorted(json.dumps(i, sort_keys=True, default=str) for i in ddb.scan(TableName="t")["Items"]))
    return seen


def test_dynamodb_queries_pages_filters_indexes_and_items_alike() -> None:
    plain, fast = both(dynamodb_scenario)
    assert fast == plain
    assert [i["sk"]["S"] for i in plain[0][0]] == [f"S{s:02}" for s in range(8)]
    assert plain[-2] == ITEM


def serialized_get_item() -> Any:
    from moto.core.responses import get_service_model
    from moto.core.serialize import JSONSerializer, XFormedAttributePicker

    operation = get_service_model("dynamodb").operation_model("GetItem")

    stored = json.loads(
        json.dumps(ITEM, default=lambda b: base64.b64encode(b).decode())
    )  # moto keeps B as text
    serializer = JSONSerializer(
        operation_model=operation, pretty_print=False, value_picker=XFormedAttributePicker()
    )
    return json.loads(serializer.serialize({"Item": stored})["body"])


def test_an_item_is_serialized_to_the_same_json() -> None:
    plain = serialized_get_item()
    speed_up_emulator()
    assert serialized_get_item() == plain
    assert plain["Item"]["nested"]["M"]["inner"]["L"][0] == {"S": "z"}


def hash_only_scenario() -> list[Any]:
    """A table with a partition key only: moto files each item directly under its key, not under sort keys."""
    ddb = boto3.client("dynamodb", region_name=REGION)
    ddb.create_table(
        TableName="h",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    for n in range(12):
        ddb.put_item(TableName="h", Item={"pk": {"S": f"K{n}"}, "v": {"N": str(n)}})
    seen: list[Any] = []
    for key, extra in [
        ("K3", {}),
        ("absent", {}),
        ("K7", {"FilterExpression": "v > :n"}),
        ("K2", {"Limit": 1}),
    ]:
        values: dict[str, Any] = {":p": {"S": key}} | (
            {":n": {"N": "5"}} if "FilterExpression" in extra else {}
        )
        answer = ddb.query(
            TableName="h", KeyConditionExpression="pk = :p", ExpressionAttributeValues=values, **extra
        )
        seen.append(
            (answer["Items"], answer["Count"], answer["ScannedCount"], answer.get("LastEvaluatedKey"))
        )
    return seen


def test_a_hash_only_table_is_queried_alike() -> None:
    plain, fast = both(hash_only_scenario)
    assert fast == plain
    assert plain[0][0] == [{"pk": {"S": "K3"}, "v": {"N": "3"}}] and plain[1][1] == 0


def key_order_scenario() -> list[Any]:
    """Scans and index queries walk the whole table in key order: numeric keys compare as numbers ("10" after
    "9"), string keys as strings, pages continue where they stopped, in both kinds of table."""
    ddb = boto3.client("dynamodb", region_name=REGION)
    ddb.create_table(
        TableName="n",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": n, "AttributeType": t} for n, t in [("pk", "N"), ("sk", "N"), ("g", "S")]
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-g",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    ddb.create_table(
        TableName="s",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    for n in (12, 3, 100, 9, 10, 1):
        for m in (20, 2, 11):
            ddb.put_item(
                TableName="n", Item={"pk": {"N": str(n)}, "sk": {"N": str(m)}, "g": {"S": f"G{m % 2}"}}
            )
        ddb.put_item(TableName="s", Item={"pk": {"S": f"K{n}"}})
    seen: list[Any] = []
    for table in ("n", "s"):
        first = ddb.scan(TableName=table, Limit=4)
        rest = ddb.scan(TableName=table, ExclusiveStartKey=first["LastEvaluatedKey"])
        seen.append((first["Items"], first["LastEvaluatedKey"], rest["Items"]))
    for g in ("G0", "G1"):
        answer = ddb.query(
            TableName="n",
            IndexName="by-g",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": g}},
        )
        seen.append(answer["Items"])
    return seen


def test_scans_and_index_queries_keep_moto_key_order() -> None:
    plain, fast = both(key_order_scenario)
    assert fast == plain
    numeric_scan = plain[0][0] + plain[0][2]
    assert [i["pk"]["N"] for i in numeric_scan][:6] == ["1", "1", "1", "3", "3", "3"]
    assert [i["sk"]["N"] for i in numeric_scan][:3] == ["2", "11", "20"]


def fifo_scenario() -> list[Any]:
    sqs = boto3.client("sqs", region_name=REGION)
    url = sqs.create_queue(
        QueueName="work.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"}
    )["QueueUrl"]
    seen: list[Any] = []
    for n in range(6):
        sent = sqs.send_message(QueueUrl=url, MessageBody=f"m{n}", MessageGroupId=f"g{n % 2}")
        seen.append("SequenceNumber" in sent)
    sqs.send_message(QueueUrl=url, MessageBody="m0", MessageGroupId="g0")  # deduplicated by content
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    seen.append(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"])
    first = sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=600, MessageSystemAttributeNames=["All"]
    )["Messages"]
    seen.append([(m["Body"], m["Attributes"]["MessageGroupId"]) for m in first])
    blocked = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    seen.append([m["Body"] for m in blocked.get("Messages", [])])  # groups in flight hold the rest back
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"])
    seen.append(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"])
    return seen


def test_a_fifo_queue_orders_groups_and_deduplicates_alike() -> None:
    plain, fast = both(fifo_scenario)
    assert fast == plain
    assert plain[6] == {"ApproximateNumberOfMessages": "6", "ApproximateNumberOfMessagesNotVisible": "0"}


def test_the_server_finds_each_service_by_host_alike() -> None:
    """In server mode moto finds the service from the request's host (and path); the cached lookup answers the
    same for every host the local stack's clients use, and for hosts it does not know."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    hosts = [
        None,
        "127.0.0.1:4566",
        "localhost",
        "sqs.eu-central-1.amazonaws.com",
        "dynamodb.eu-central-1.amazonaws.com",
        "s3.amazonaws.com",
        "bucket.s3.amazonaws.com",
        "cognito-idp.eu-central-1.amazonaws.com",
        "unknown.example",
    ]

    def lookups() -> list[Any]:
        app = DomainDispatcherApplication(create_backend_app)
        return [app.get_backend_for_host(host) for host in hosts * 2]  # twice: the second from the cache

    plain = lookups()
    speed_up_emulator()
    assert lookups() == plain
    assert plain[3] == "sqs" and plain[4] == "dynamodb"
