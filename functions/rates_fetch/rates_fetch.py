"""Fetches the ECB's and the Bank of Russia's daily reference rates into S3; the age of each source's newest
publication, in business days, is the metric the staleness alarms watch."""

from typing import Any

from helpdesk.bootstrap import container
from helpdesk.observability import logger, metrics

AGE_METRICS = {"ECB": "ExchangeRateAgeECB", "CBR": "ExchangeRateAgeCBR"}  # read by the staleness alarms


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: Any) -> list[dict[str, Any]]:
    reports = container().rate_fetcher.run()
    answer = []
    for r in reports:
        if r.error:
            logger.warning("rates not fetched", extra={"publisher": r.publisher, "error": r.error})
        if r.age_business_days is not None:
            metrics.add_metric(name=AGE_METRICS[r.publisher], unit="Count", value=r.age_business_days)
        newest = r.newest.isoformat() if r.newest else None
        answer.append({"publisher": r.publisher, "newest": newest, "stale": r.stale, "error": r.error})
    return answer
