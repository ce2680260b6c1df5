"""Secrets Manager for connector credentials; SQS for the integrations queue and its depth."""

from __future__ import annotations

import json
from typing import Any

from helpdesk.integrations.model.connectors import Connector
from helpdesk.integrations.views.queue import IntegrationRequested

MAX_SQS_DELAY = 900  # SQS caps DelaySeconds at 15 minutes


class SecretsManagerCredentials:
    def __init__(self, client: Any) -> None:
        self._sm = client

    def read(self, secret_name: str) -> dict[str, str]:
        raw = self._sm.get_secret_value(SecretId=secret_name)["SecretString"]
        values = json.loads(raw)
        return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}

    def write(self, secret_name: str, values: dict[str, str]) -> None:
        body = json.dumps(values)
        try:
            self._sm.put_secret_value(SecretId=secret_name, SecretString=body)
        except self._sm.exceptions.ResourceNotFoundException:
            self._sm.create_secret(Name=secret_name, SecretString=body)


class SqsRequestQueue:
    def __init__(self, client: Any, queue_url: str, dlq_url: str = "") -> None:
        self._sqs, self._url, self._dlq = client, queue_url, dlq_url

    def request(
        self, connector: Connector, kind: str, ref: str, delay_seconds: int = 0, attempt: int = 0
    ) -> None:
        body = IntegrationRequested(connector=connector, kind=kind, ref=ref, attempt=attempt)  # type: ignore[arg-type]
        delay = max(0, min(int(delay_seconds), MAX_SQS_DELAY))
        self._sqs.send_message(QueueUrl=self._url, MessageBody=body.model_dump_json(), DelaySeconds=delay)

    def depths(self) -> tuple[int, int]:
        return self._depth(self._url), self._depth(self._dlq)

    def _depth(self, url: str) -> int:
        if not url:
            return 0
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed",
                 "ApproximateNumberOfMessagesNotVisible"]  # fmt: skip
        attrs = self._sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
        return sum(int(attrs.get(n, 0)) for n in names)
