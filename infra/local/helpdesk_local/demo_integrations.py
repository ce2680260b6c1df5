"""Demo connectors: Pipedrive pointed at the local stand-in, with stand-in credentials in (emulated)
Secrets Manager, as an admin would set them in the console (docs/integrations.md). Done at every start,
because the stand-in's port changes."""

from __future__ import annotations

PIPEDRIVE_CREDENTIALS = {
    "api_token": "local-pipedrive-token",
    "webhook_user": "pipedrive-webhook",
    "webhook_password": "local-pipedrive-webhook-password",
}


def connect_pipedrive(base_url: str) -> None:
    from helpdesk.bootstrap import container
    from helpdesk.integrations.views.api import ConfigureConnectorRequest

    request = ConfigureConnectorRequest.model_validate(
        {"enabled": True, "base_url": base_url, "credentials": PIPEDRIVE_CREDENTIALS}
    )
    container().connector_admin.configure("pipedrive", request, "local-stack")


ONEC_CREDENTIALS = {"user": "1c-exchange", "password": "local-1c-password"}


def connect_onec() -> None:
    """1C calls us (the exchange URL is the public API's /1c/exchange), so there is no stand-in: the demo
    only sets the exchange user 1C signs in with."""
    from helpdesk.bootstrap import container
    from helpdesk.integrations.views.api import ConfigureConnectorRequest

    request = ConfigureConnectorRequest.model_validate(
        {"enabled": True, "options": {"encoding": "windows-1251"}, "credentials": ONEC_CREDENTIALS}
    )
    container().connector_admin.configure("onec", request, "local-stack")


BITRIX24_WEBHOOK = ("1", "local-incoming-webhook-code")  # the user id and code in the webhook URL
BITRIX24_APPLICATION_TOKEN = "local-bitrix24-application-token"


def connect_bitrix24(webhook_url: str) -> None:
    from helpdesk.bootstrap import container
    from helpdesk.integrations.views.api import ConfigureConnectorRequest

    portal = webhook_url.split("/rest/", 1)[0]
    credentials = {"webhook_url": webhook_url, "application_token": BITRIX24_APPLICATION_TOKEN}
    request = ConfigureConnectorRequest.model_validate(
        {"enabled": True, "base_url": portal, "credentials": credentials}
    )
    container().connector_admin.configure("bitrix24", request, "local-stack")
