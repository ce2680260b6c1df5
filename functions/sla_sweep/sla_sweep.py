"""Scheduled SLA sweep: breach notices and escalations, then auto-close of solved tickets."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import log_counts, logger


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    report = container().sla_sweep.run()
    for policy, breaches in report.per_policy().items():
        log_counts("sla breaches", Policy=policy, **breaches)
    log_counts(
        "sla sweep",
        SlaBreachNotices=report.breach_notices,
        SlaEscalations=report.escalations,
        TicketsAutoClosed=report.closed,
    )
    return {
        "breach_notices": report.breach_notices,
        "escalations": report.escalations,
        "closed": report.closed,
    }
