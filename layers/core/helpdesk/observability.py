"""One logger, one metrics object and one tracer for the whole package, wired by decorators at the edges."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics

logger = Logger(service="helpdesk")
metrics = Metrics(namespace="Helpdesk", service="helpdesk")


@lru_cache(maxsize=1)
def tracer() -> Any:
    # Creating a Tracer loads the X-Ray SDK (~260 ms); only pay for it where a handler traces.
    from aws_lambda_powertools import Tracer

    return Tracer(service="helpdesk")
