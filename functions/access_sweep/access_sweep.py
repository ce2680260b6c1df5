"""Scheduled server-access sweep: grants of closed tickets are revoked, ended ones marked expired."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    ended = container().access_admin.sweep()
    log_counts("access grants swept", AccessGrantsEnded=ended)
    return {"ended": ended}
