"""Stream indexer: folds each batch of table changes into the search index (one delete, one bulk write).

A failing batch raises, so Lambda retries it, bisects it and finally sends it to the indexer DLQ.
"""

from collections.abc import Mapping
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel
from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics, publish_metrics


def image(value: object) -> Mapping[str, Any] | None:
    """A stream image as Powertools parses it without an image model: a plain dict, or None."""
    return value if isinstance(value, Mapping) else None


@logger.inject_lambda_context
@publish_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    batch = parse(event=event, model=DynamoDBStreamModel)
    records = [(image(record.dynamodb.NewImage), image(record.dynamodb.OldImage)) for record in batch.Records]
    changes = container().search.apply_stream_records(records)
    metrics.add_metric(name="SearchDocumentsIndexed", unit="Count", value=len(changes.upserts))
    metrics.add_metric(name="SearchDocumentsDeleted", unit="Count", value=len(changes.deletions))
    return {"batchItemFailures": []}
