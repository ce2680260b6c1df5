"""Scheduled Omnidesk pull: cases changed since the stored cursor go on the integrations queue, where each is
read and its new customer messages become ticket messages (the webhook's path, for what a webhook missed)."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    queued = container().omnidesk_inbound.pull()
    log_counts("omnidesk pull", OmnideskCasesQueued=queued)
    return {"queued": queued}
