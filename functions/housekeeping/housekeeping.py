"""Scheduled housekeeping: checks the queues, publishes the table's size, sweeps the outbox."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    c = container()
    report = c.operations.health()
    for queue in report.queues:
        if queue.dead_letter and queue.visible:
            logger.warning(
                "dead-letter queue holds messages", extra={"queue": queue.name, "depth": queue.visible}
            )
    # PutMetricData, not EMF: the table-size alarm must see the value where the log line may be sampled away,
    # and the local stack's alarm evaluator reads the emulator's CloudWatch, not function logs.
    storage = c.operations.storage_report()
    for table in storage.tables:
        logger.info(
            "table size",
            extra={
                "table": table.name,
                "bytes": table.size_bytes,
                "items": table.item_count,
                "size_reported": table.size_reported,
            },
        )
    swept = c.tickets.outbound.deliver_pending(c.clock.now())  # entries whose worker died before sending
    dead_letters = sum(q.visible for q in report.queues if q.dead_letter)  # each DLQ has its own alarm
    log_counts("housekeeping", DeadLetterMessages=dead_letters, OutboxSwept=swept)
    return {"status": report.status, "tables": {t.name: t.size_bytes for t in storage.tables}}
