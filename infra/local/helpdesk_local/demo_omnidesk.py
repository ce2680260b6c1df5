"""Demo Omnidesk connector: pointed at the local stand-in, with stand-in credentials in (emulated) Secrets
Manager, as an admin would set them in the console (docs/integrations.md). Done at every start, because the
stand-in's port changes."""

from __future__ import annotations

OMNIDESK_CREDENTIALS = {
    "email": "integration@agency.example",
    "api_key": "local-omnidesk-api-key",
    "webhook_user": "omnidesk-webhook",
    "webhook_password": "local-omnidesk-webhook-password",
}


def connect_omnidesk(base_url: str, staff_id: int) -> None:
    from helpdesk.bootstrap import container
    from helpdesk.integrations.views.api import ConfigureConnectorRequest

    request = ConfigureConnectorRequest.model_validate(
        {
            "enabled": True,
            "base_url": base_url,
            "options": {"staff_id": str(staff_id), "mailbox": "support"},
            "credentials": OMNIDESK_CREDENTIALS,
        }
    )
    container().connector_admin.configure("omnidesk", request, "local-stack")
