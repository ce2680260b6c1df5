"""The table's stream under moto delivered to a stream consumer as Lambda's poller does (the local stack's
event shape), from the start: call it again to redeliver everything."""

from __future__ import annotations

from typing import Any

import boto3

from tests.support.lambdas import invoke
from tests.support.template_stack import REGION, TemplateStack


def deliver_stream(stack: TemplateStack, function: str, batch_size: int = 100) -> int:
    """Every record of every shard, in order, in batches; returns how many were delivered."""
    from helpdesk_local.events import stream_event

    streams = boto3.client("dynamodbstreams", region_name=REGION)
    arn = stack.resources["HelpdeskTable"].attrs["StreamArn"]
    delivered = 0
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator: Any = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            answer = streams.get_records(ShardIterator=iterator, Limit=batch_size)
            records = answer.get("Records", [])
            if not records:
                break
            invoke(function, stream_event(records, arn, REGION))
            delivered += len(records)
            iterator = answer.get("NextShardIterator")
    return delivered
