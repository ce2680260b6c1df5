"""Scheduled Omnidesk pull: cases changed since the stored cursor go on the integrations queue, where each is
read and its new customer messages become ticket messages (the webhook's path, for what a webhook missed)."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    queued = container().omnidesk_inbound.pull()
    metrics.add_metric(name="OmnideskCasesQueued", unit="Count", value=queued)
    return {"queued": queued}
