"""Reports roll-up: folds each batch of table changes into report facts (idempotent under redelivery).

A failing batch raises, so Lambda retries it, bisects it and finally sends it to the roll-up DLQ.
"""

from collections.abc import Mapping
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel
from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics, publish_metrics


def image(value: object) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) else None


@logger.inject_lambda_context
@publish_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    batch = parse(event=event, model=DynamoDBStreamModel)
    records = [(image(record.dynamodb.NewImage), image(record.dynamodb.OldImage)) for record in batch.Records]
    written = container().report_rollup.apply_stream_records(records)
    metrics.add_metric(name="ReportFactsWritten", unit="Count", value=written)
    return {"batchItemFailures": []}
