"""Stream indexer: folds each batch of table changes into the search index (one delete, one bulk write).

A failing batch raises, so Lambda retries it, bisects it and finally sends it to the indexer DLQ.
"""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger
from helpdesk.streams import table_changes


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    changes = container().search.apply_stream_records(table_changes(event))
    indexed, deleted = len(changes.upserts), len(changes.deletions)
    log_counts("search index", SearchDocumentsIndexed=indexed, SearchDocumentsDeleted=deleted)
    return {"batchItemFailures": []}
