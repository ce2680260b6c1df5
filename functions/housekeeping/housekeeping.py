"""Scheduled housekeeping: checks the queues and logs what needs attention."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics
from helpdesk.services.health import check_health


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    c = container()
    report = check_health(c.queue_monitor, c.settings.queue_names)
    for queue in report.queues:
        if queue.dead_letter and queue.visible:
            logger.warning(
                "dead-letter queue holds messages", extra={"queue": queue.name, "depth": queue.visible}
            )
    metrics.add_metric(
        name="DeadLetterMessages", unit="Count", value=sum(q.visible for q in report.queues if q.dead_letter)
    )
    swept = c.tickets.outbound.deliver_pending(c.clock.now())  # entries whose worker died before sending
    metrics.add_metric(name="OutboxSwept", unit="Count", value=swept)
    return {"status": report.status}
