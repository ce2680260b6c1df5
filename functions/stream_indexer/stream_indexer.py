"""Stream indexer: folds each batch of table changes into the search index (one delete, one bulk write).

A failing batch raises, so Lambda retries it, bisects it and finally sends it to the indexer DLQ.
"""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics, publish_metrics
from helpdesk.streams import table_changes


@logger.inject_lambda_context
@publish_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    changes = container().search.apply_stream_records(table_changes(event))
    metrics.add_metric(name="SearchDocumentsIndexed", unit="Count", value=len(changes.upserts))
    metrics.add_metric(name="SearchDocumentsDeleted", unit="Count", value=len(changes.deletions))
    return {"batchItemFailures": []}
