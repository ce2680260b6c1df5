"""Connectors (Pipedrive, Bitrix24, Omnidesk, 1C): admins configure them; staff see what the CRMs say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.integrations.views.api import (
        AccountingStatusView,
        ConnectorView,
        CrmProfileView,
        IntegrationsHealthView,
        TicketCrmLinkView,
    )


from .common import ADMIN, OPS, SUPPORT, app, body, verifier


@route(app, "/integrations", access=ADMIN, verifier=verifier)
def list_integrations(caller: Principal) -> list[ConnectorView]:
    return container().connector_admin.connectors()


@route(app, "/integrations/health", access=OPS, verifier=verifier)
def integrations_health(caller: Principal) -> IntegrationsHealthView:
    return container().connector_admin.health()


@route(app, "/integrations/{connector}", access=ADMIN, verifier=verifier, methods=["PUT"])
def configure_integration(caller: Principal, connector: str) -> ConnectorView:
    from helpdesk.integrations.views.api import ConfigureConnectorRequest

    request = ConfigureConnectorRequest.model_validate(body())
    return container().connector_admin.configure(connector, request, caller.email or caller.subject)


@route(app, "/integrations/customers/{customer_id}", access=SUPPORT, verifier=verifier)
def customer_crm_profiles(caller: Principal, customer_id: str) -> list[CrmProfileView]:
    return container().connector_admin.customer_profiles(customer_id)


@route(app, "/integrations/tickets/{ticket_id}", access=SUPPORT, verifier=verifier)
def ticket_crm_links(caller: Principal, ticket_id: str) -> list[TicketCrmLinkView]:
    return container().connector_admin.ticket_links(ticket_id)


@route(app, "/integrations/onec/documents/{document_id}", access=SUPPORT, verifier=verifier)
def accounting_status(caller: Principal, document_id: str) -> AccountingStatusView:
    return container().connector_admin.accounting_status(document_id)
