"""Reports roll-up: folds each batch of table changes into report facts (idempotent under redelivery).

A failing batch raises, so Lambda retries it, bisects it and finally sends it to the roll-up DLQ.
"""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger
from helpdesk.streams import table_changes


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    written = container().report_rollup.apply_stream_records(table_changes(event))
    log_counts("report roll-up", ReportFactsWritten=written)
    return {"batchItemFailures": []}
