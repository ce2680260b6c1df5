"""The integrations queue's requests, each to its connector's use case."""

from __future__ import annotations

from helpdesk.integrations.model.connectors import Connector
from helpdesk.integrations.services.crm_sync import CrmSync
from helpdesk.integrations.services.omnidesk import OmnideskInbound


class ConnectorRequests:
    def __init__(self, crm: CrmSync, omnidesk: OmnideskInbound) -> None:
        self._crm, self._omnidesk = crm, omnidesk

    def handle(self, connector: Connector, kind: str, ref: str, attempt: int = 0) -> str:
        """What became of it: "done", "skipped" or "delayed" (a vendor's 429 put it back on the queue)."""
        if connector is Connector.OMNIDESK:
            return self._omnidesk.handle(kind, ref, attempt)
        return self._crm.handle(connector, kind, ref, attempt)
