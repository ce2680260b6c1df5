"""Admins configure each connector in the console; credentials go to Secrets Manager and never come back."""

from __future__ import annotations

from dataclasses import replace

from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.ports import Credentials, ExchangeStore, IntegrationStore, QueueDepths
from helpdesk.integrations.views.api import (
    AccountingStatusView,
    ConfigureConnectorRequest,
    ConnectorHealthView,
    ConnectorView,
    CrmDealView,
    CrmProfileView,
    IntegrationsHealthView,
    TicketCrmLinkView,
)
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid, NotFound

CREDENTIAL_FIELDS: dict[Connector, tuple[str, ...]] = {
    Connector.PIPEDRIVE: ("api_token", "webhook_user", "webhook_password"),
    Connector.BITRIX24: ("webhook_url", "application_token"),
    Connector.OMNIDESK: ("email", "api_key", "webhook_user", "webhook_password"),
    Connector.ONEC: ("user", "password"),
}
WEBHOOK_PATHS = {
    Connector.PIPEDRIVE: "/webhooks/pipedrive",
    Connector.BITRIX24: "/webhooks/bitrix24",
    Connector.OMNIDESK: "/webhooks/omnidesk",
    Connector.ONEC: "/1c/exchange",
}


class ConnectorNotFound(NotFound):
    """No connector has that name."""


class CredentialsInvalid(Invalid):
    """Credentials named a field this connector does not have, or left a needed one empty."""


class ConnectorAdmin:
    def __init__(
        self,
        store: IntegrationStore,
        credentials: Credentials,
        depths: QueueDepths,
        clock: Clock,
        prefix: str,
        exchange: ExchangeStore,
    ) -> None:
        self._store, self._credentials, self._depths, self._clock = store, credentials, depths, clock
        self._prefix = prefix  # Secrets Manager names: <prefix><connector>
        self._exchange = exchange

    def connectors(self) -> list[ConnectorView]:
        return [self._view(self._store.settings(c)) for c in Connector]

    def configure(self, name: str, request: ConfigureConnectorRequest, by: str) -> ConnectorView:
        if name not in {c.value for c in Connector}:
            raise ConnectorNotFound("no such connector")
        connector = Connector(name)
        current = self._store.settings(connector)
        secret_name = current.secret_name or f"{self._prefix}{connector.value}"
        has_credentials = current.has_credentials
        if request.credentials is not None:
            fields = CREDENTIAL_FIELDS[connector]
            unknown = set(request.credentials) - set(fields)
            if unknown or not all(request.credentials.get(f) for f in fields):
                raise CredentialsInvalid(f"{connector.value} credentials are: {', '.join(fields)}")
            self._credentials.write(secret_name, dict(request.credentials))
            has_credentials = True
        settings = replace(
            current,
            enabled=request.enabled,
            base_url=str(request.base_url).rstrip("/"),
            options=tuple(sorted(request.options.items())),
            secret_name=secret_name,
            has_credentials=has_credentials,
            updated_at=self._clock.now(),
            updated_by=by,
        )
        self._store.save_settings(settings)
        return self._view(settings)

    def health(self) -> IntegrationsHealthView:
        waiting, dead = self._depths.depths()
        views = []
        for connector in Connector:
            h, enabled = self._store.health(connector), self._store.settings(connector).enabled
            views.append(
                ConnectorHealthView(
                    connector=connector,
                    enabled=enabled,
                    last_success_at=h.last_success_at,
                    last_error_at=h.last_error_at,
                    last_error=h.last_error,
                    delayed=h.delayed,
                )
            )
        return IntegrationsHealthView(connectors=views, queue_depth=waiting, dlq_depth=dead)

    def customer_profiles(self, customer_id: str) -> list[CrmProfileView]:
        """The customer as each CRM sees them; [] for a customer no CRM knows (or no such customer)."""
        found = [(c, self._store.profile(c, customer_id)) for c in Connector]
        return [
            CrmProfileView(
                connector=c,
                person_id=p.person_id,
                org_id=p.org_id,
                name=p.name,
                phones=list(p.phones),
                deals=[CrmDealView(**vars(d)) for d in p.deals],
                updated_at=p.updated_at,
            )
            for c, p in found
            if p is not None
        ]

    def ticket_links(self, ticket_id: str) -> list[TicketCrmLinkView]:
        found = [(c, self._store.ticket_deal(c, ticket_id)) for c in Connector]
        return [
            TicketCrmLinkView(connector=c, deal=CrmDealView(**vars(d))) for c, d in found if d is not None
        ]

    def accounting_status(self, document_id: str) -> AccountingStatusView:
        """Unknown and not-yet-reported documents answer alike: nothing reported."""
        status = self._exchange.status(document_id)
        return (
            AccountingStatusView(**vars(status)) if status else AccountingStatusView(document_id=document_id)
        )

    @staticmethod
    def _view(s: ConnectorSettings) -> ConnectorView:
        return ConnectorView(
            connector=s.connector,
            enabled=s.enabled,
            base_url=s.base_url,
            options=dict(s.options),
            has_credentials=s.has_credentials,
            credential_fields=list(CREDENTIAL_FIELDS[s.connector]),
            webhook_path=WEBHOOK_PATHS[s.connector],
            updated_at=s.updated_at,
            updated_by=s.updated_by,
        )
