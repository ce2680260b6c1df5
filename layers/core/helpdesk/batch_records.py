"""The SQS record a queue consumer parses its messages into; Powertools' batch module loaded before pydantic.

Powertools' batch module, when pydantic is already imported, imports its parser's models of every AWS event
source (about 50 ms of a consumer's cold start, docs/performance.md "Cold starts") only to name types in its
hints, and Powertools' own SQS record model lives among them. So this module loads the batch module first,
then pydantic, and defines the record itself. Consumers import it before anything that imports pydantic (its
name sorts before `helpdesk.bootstrap`); tests/unit/edges/test_lazy_api_imports.py fails when a consumer
loads those models.
"""

from __future__ import annotations

from typing import Any

import aws_lambda_powertools.utilities.batch  # noqa: F401 - before pydantic, see above
from pydantic import BaseModel, Field, Json

__all__ = ["Json", "SqsRecord"]


class SqsRecord(BaseModel):
    """One SQS record of a Lambda event, named as SQS names its fields; each consumer narrows `body` to
    `Json[<its message>]`."""

    messageId: str  # noqa: N815 - SQS's own field names
    receiptHandle: str  # noqa: N815
    body: Any
    attributes: dict[str, Any] = Field(default_factory=dict)
    messageAttributes: dict[str, Any] = Field(default_factory=dict)  # noqa: N815
    md5OfBody: str | None = None  # noqa: N815
    eventSource: str | None = None  # noqa: N815
    eventSourceARN: str | None = None  # noqa: N815
    awsRegion: str | None = None  # noqa: N815
