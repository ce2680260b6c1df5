"""Scheduled server-access sweep: grants of closed tickets are revoked, ended ones marked expired."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics, publish_metrics


@logger.inject_lambda_context
@publish_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    ended = container().access_admin.sweep()
    metrics.add_metric(name="AccessGrantsEnded", unit="Count", value=ended)
    return {"ended": ended}
