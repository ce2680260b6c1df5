"""Webhook events: turns each batch of table changes into events and queues a delivery per subscription.

A failing batch raises, so Lambda retries it, bisects it and finally sends it to the events DLQ; event and
delivery ids come from the stream record, so a retried batch queues nothing twice."""

from collections.abc import Mapping
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel
from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger


def image(value: object) -> Mapping[str, Any] | None:
    """A stream image as Powertools parses it without an image model: a plain dict, or None."""
    return value if isinstance(value, Mapping) else None


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    batch = parse(event=event, model=DynamoDBStreamModel)
    records = [
        (r.eventID, r.dynamodb.SequenceNumber, r.dynamodb.ApproximateCreationDateTime,
         image(r.dynamodb.NewImage), image(r.dynamodb.OldImage))
        for r in batch.Records
    ]  # fmt: skip
    found, queued = container().webhook_events.apply_stream_records(records)
    log_counts("webhook events", WebhookEvents=found, WebhookDeliveriesQueued=queued)
    return {"batchItemFailures": []}
