"""Picks the CRM client for a connector's settings and credentials."""

from __future__ import annotations

from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.ports import CrmClient, OmnideskApi
from helpdesk.kernel.errors import Unavailable


class HttpCrmClients:
    def client(self, settings: ConnectorSettings, credentials: dict[str, str]) -> CrmClient:
        if settings.connector is Connector.PIPEDRIVE:
            from helpdesk.integrations.adapters.pipedrive_http import HttpPipedrive

            return HttpPipedrive(settings.base_url, credentials.get("api_token", ""))
        if settings.connector is Connector.BITRIX24:
            from helpdesk.integrations.adapters.bitrix24_http import HttpBitrix24

            return HttpBitrix24(credentials.get("webhook_url", ""))
        raise Unavailable(f"no CRM client for {settings.connector.value}")


class HttpOmnideskClients:
    def client(self, settings: ConnectorSettings, credentials: dict[str, str]) -> OmnideskApi:
        from helpdesk.integrations.adapters.omnidesk_http import HttpOmnidesk

        return HttpOmnidesk(settings.base_url, credentials.get("email", ""), credentials.get("api_key", ""))
