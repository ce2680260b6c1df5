"""Times single emulator calls through a moto server on loopback, with moto's own code (`plain`) or with the local
stack's speed-ups (`fast`); prints one JSON object. Each mode runs in a process of its own (the speed-ups patch the
process). Run by bench_emulator_calls.py: `python -m tests.bench.emulator_calls plain|fast`.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

DEPTH = 5_000
TABLE_ITEMS = 20_000
ITEM = {
    "pk": {"S": "TICKET#1"},
    "sk": {"S": "META"},
    **{f"field{i}": {"S": "x" * 30} for i in range(20)},
    "tags": {"SS": ["a", "b"]},
    "count": {"N": "5"},
    "nested": {"M": {"x": {"S": "y"}, "l": {"L": [{"N": "1"}, {"S": "z"}]}}},
}


def per_call_ms(call: Callable[[], Any], times: int) -> float:
    started = time.perf_counter()
    for _ in range(times):
        call()
    return (time.perf_counter() - started) * 1000 / times


def main(mode: str) -> dict[str, float]:
    import boto3
    from helpdesk_local.emulator import FAKE_CREDENTIALS, free_port
    from helpdesk_local.emulator_speedups import speed_up_emulator
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    os.environ.update(FAKE_CREDENTIALS)
    if mode == "fast":
        speed_up_emulator()
    port = free_port()
    ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False).start()
    endpoint = f"http://127.0.0.1:{port}"
    ddb = boto3.client("dynamodb", region_name="eu-central-1", endpoint_url=endpoint)
    sqs = boto3.client("sqs", region_name="eu-central-1", endpoint_url=endpoint)
    ddb.create_table(
        TableName="t",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
        BillingMode="PAY_PER_REQUEST",
    )
    ddb.put_item(TableName="t", Item=ITEM)
    key = {"pk": ITEM["pk"], "sk": ITEM["sk"]}
    results = {
        "GetItem (24 attributes)": per_call_ms(lambda: ddb.get_item(TableName="t", Key=key), 200),
        "PutItem (24 attributes)": per_call_ms(lambda: ddb.put_item(TableName="t", Item=ITEM), 200),
    }
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    results["SendMessage, empty queue"] = per_call_ms(
        lambda: sqs.send_message(QueueUrl=url, MessageBody="m"), 200
    )
    for start in range(0, DEPTH - 200, 10):
        entries = [{"Id": str(i), "MessageBody": f"m{start + i}"} for i in range(10)]
        sqs.send_message_batch(QueueUrl=url, Entries=entries)
    results[f"SendMessage, {DEPTH:,} waiting"] = per_call_ms(
        lambda: sqs.send_message(QueueUrl=url, MessageBody="m"), 50
    )

    def receive_and_delete() -> None:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)]
        sqs.delete_message_batch(QueueUrl=url, Entries=entries)

    results[f"ReceiveMessage + DeleteMessageBatch of 10, {DEPTH:,} waiting"] = per_call_ms(
        receive_and_delete, 10
    )
    for start in range(0, TABLE_ITEMS, 25):
        requests = [
            {"PutRequest": {"Item": {"pk": {"S": f"P{n % 2000}"}, "sk": {"S": f"S{n}"}}}}
            for n in range(start, start + 25)
        ]
        ddb.batch_write_item(RequestItems={"t": requests})
    results[f"Query one partition (10 items), table of {TABLE_ITEMS:,}"] = per_call_ms(
        lambda: ddb.query(
            TableName="t", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "P7"}}
        ),
        20,
    )
    return results


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
