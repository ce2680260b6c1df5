"""Integration events: paid orders and new tickets from the table's stream become connector requests.

A failing batch raises, so Lambda retries it, bisects it and finally sends it to the integrations DLQ.
"""

from collections.abc import Mapping
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel
from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger


def image(value: object) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) else None


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    batch = parse(event=event, model=DynamoDBStreamModel)
    records = [(image(r.dynamodb.NewImage), image(r.dynamodb.OldImage)) for r in batch.Records]
    queued = container().integration_events.dispatch(records)
    log_counts("integration events", IntegrationRequestsQueued=queued)
    return {"batchItemFailures": []}
