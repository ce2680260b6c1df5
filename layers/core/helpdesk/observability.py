"""One logger, one metrics object and one tracer for the whole package, wired by decorators at the edges."""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from aws_lambda_powertools import Logger, Metrics

logger = Logger(service="helpdesk")
metrics = Metrics(namespace="Helpdesk", service="helpdesk")
Handler = TypeVar("Handler", bound=Callable[..., Any])


def publish_metrics(handler: Handler) -> Handler:
    """Powertools' `log_metrics` (one EMF line at the end of the invocation) without its warning when nothing
    was recorded: an empty batch, or a failure before the first metric, has nothing to publish, and that is
    normal, so it publishes nothing and says nothing."""

    @functools.wraps(handler)
    def published(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        finally:
            if metrics.metric_set:
                metrics.flush_metrics()
            else:
                metrics.clear_metrics()  # dimensions added before a failure must not reach the next one

    return published  # type: ignore[return-value]


def log_counts(message: str, **fields: float | str) -> None:
    """A handler's business counts as fields of one structured log line, where they once were custom metrics:
    every metric name is billed each month (docs/cost.md) and no alarm read these. A number keeps the name of
    the metric it replaced (a Logs Insights query over older EMF lines still finds it); `outcome` says what
    happened to one record. Queries: docs/operations.md. A metric stays only where an alarm reads it."""
    logger.info(message, extra=fields)


@lru_cache(maxsize=1)
def tracer() -> Any:
    # Creating a Tracer loads the X-Ray SDK (~260 ms); only pay for it where a handler traces.
    from aws_lambda_powertools import Tracer

    return Tracer(service="helpdesk")
