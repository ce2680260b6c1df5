"""Agents' signatures in the `helpdesk` table: `SIGNATURES` / `<email>`."""

from __future__ import annotations

from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem

PARTITION = "SIGNATURES"


class DynamoSignatures:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def get(self, email: str) -> str:
        try:
            return self._m.get(PARTITION, email.lower(), consistent_read=True).data or ""
        except self._m.DoesNotExist:
            return ""

    def save(self, email: str, signature: str) -> None:
        self._m(PARTITION, email.lower(), entity="signature", data=signature or None).save()
