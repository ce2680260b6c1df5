"""The integrations context's parts of the composition root (docs/integrations.md)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from helpdesk.bootstrap.core import CoreParts, aws_client

if TYPE_CHECKING:
    from helpdesk.integrations.adapters.aws import SqsRequestQueue
    from helpdesk.integrations.ports import Credentials, CrmClients, ExchangeStore, IntegrationStore, Sources
    from helpdesk.integrations.services.admin import ConnectorAdmin
    from helpdesk.integrations.services.bitrix24_events import Bitrix24Events
    from helpdesk.integrations.services.crm_changes import CrmChanges
    from helpdesk.integrations.services.crm_sync import CrmSync
    from helpdesk.integrations.services.events import IntegrationEvents
    from helpdesk.integrations.services.omnidesk import OmnideskInbound, OmnideskReplies
    from helpdesk.integrations.services.onec_exchange import OneCExchange
    from helpdesk.integrations.services.pipedrive_webhooks import PipedriveWebhooks
    from helpdesk.integrations.services.requests import ConnectorRequests


class VendorCredentialsOnly:
    """The token check of vendor webhook routes: their Authorization header carries the vendor's own
    credentials (Pipedrive's basic auth), which the connector checks; no staff or customer token is taken."""

    def principal_from_header(self, authorization: str | None, use: str = "id") -> None:
        return None


class IntegrationsParts(CoreParts):
    @cached_property
    def vendor_webhook_verifier(self) -> Any:
        return VendorCredentialsOnly()

    @cached_property
    def integration_store(self) -> IntegrationStore:
        from helpdesk.integrations.adapters.dynamo_store import DynamoIntegrationStore

        return DynamoIntegrationStore(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def integration_credentials(self) -> Credentials:
        from helpdesk.integrations.adapters.aws import SecretsManagerCredentials

        return SecretsManagerCredentials(aws_client(self.settings, "secretsmanager"))

    @cached_property
    def integration_queue(self) -> SqsRequestQueue:
        from helpdesk.integrations.adapters.aws import SqsRequestQueue

        s = self.settings
        return SqsRequestQueue(aws_client(s, "sqs"), s.integrations_queue_url, s.integrations_dlq_url)

    @cached_property
    def crm_clients(self) -> CrmClients:
        from helpdesk.integrations.adapters.clients import HttpCrmClients

        return HttpCrmClients()

    @cached_property
    def integration_sources(self) -> Sources:
        from helpdesk.integrations.adapters.sources import ContextSources

        stores = self.ticket_stores
        return ContextSources(self.checkout_store, stores.tickets, stores.customers)

    @cached_property
    def crm_sync(self) -> CrmSync:
        from helpdesk.integrations.services.crm_sync import CrmSync

        return CrmSync(
            self.integration_store,
            self.integration_credentials,
            self.crm_clients,
            self.integration_sources,
            self.integration_queue,
            self.clock,
            self.crm_changes,
        )

    @cached_property
    def connector_requests(self) -> ConnectorRequests:
        from helpdesk.integrations.services.requests import ConnectorRequests

        return ConnectorRequests(self.crm_sync, self.omnidesk_inbound)

    @cached_property
    def omnidesk_inbound(self) -> OmnideskInbound:
        from helpdesk.channels.adapters.s3_intake import S3ChannelIntake
        from helpdesk.integrations.adapters.clients import HttpOmnideskClients
        from helpdesk.integrations.services.omnidesk import OmnideskInbound

        s = self.settings
        intake = S3ChannelIntake(aws_client(s, "s3"), s.raw_mail_bucket, s.support_domain)
        return OmnideskInbound(self.integration_store, self.integration_credentials, HttpOmnideskClients(),
                               intake, self.integration_queue, self.clock)  # fmt: skip

    @cached_property
    def omnidesk_replies(self) -> OmnideskReplies:
        from helpdesk.integrations.adapters.clients import HttpOmnideskClients
        from helpdesk.integrations.services.omnidesk import OmnideskReplies

        return OmnideskReplies(
            self.integration_store, self.integration_credentials, HttpOmnideskClients(), self.clock
        )

    @cached_property
    def case_replies(self) -> Any:
        """The channels' reply worker answers Omnidesk cases through the connector."""
        return self.omnidesk_replies

    @cached_property
    def crm_changes(self) -> CrmChanges:
        from helpdesk.integrations.services.crm_changes import CrmChanges

        return CrmChanges(self.integration_store, self.integration_sources, self.clock)

    @cached_property
    def pipedrive_webhooks(self) -> PipedriveWebhooks:
        from helpdesk.integrations.services.pipedrive_webhooks import PipedriveWebhooks

        return PipedriveWebhooks(self.integration_store, self.integration_credentials, self.crm_changes)

    @cached_property
    def bitrix24_events(self) -> Bitrix24Events:
        from helpdesk.integrations.services.bitrix24_events import Bitrix24Events

        return Bitrix24Events(self.integration_store, self.integration_credentials, self.integration_queue)

    @cached_property
    def integration_events(self) -> IntegrationEvents:
        from helpdesk.integrations.services.events import IntegrationEvents

        return IntegrationEvents(
            self.integration_store, self.integration_queue, self.exchange_store, self.clock
        )

    @cached_property
    def exchange_store(self) -> ExchangeStore:
        from helpdesk.integrations.adapters.dynamo_exchange import DynamoExchangeStore

        return DynamoExchangeStore(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def onec_exchange(self) -> OneCExchange:
        from helpdesk.billing.adapters.dynamo_invoices import DynamoInvoiceStore
        from helpdesk.billing.model.invoices import InvoiceKind
        from helpdesk.integrations.adapters.sources import AccountingDocuments
        from helpdesk.integrations.services.onec_exchange import OneCExchange

        s = self.settings
        invoices = DynamoInvoiceStore(aws_client(s, "dynamodb"), s.table_name)
        documents = AccountingDocuments(
            self.checkout_store, lambda o: invoices.for_source(o, InvoiceKind.INVOICE)
        )
        return OneCExchange(
            self.integration_store, self.exchange_store, self.integration_credentials, documents, self.clock
        )

    @cached_property
    def connector_admin(self) -> ConnectorAdmin:
        from helpdesk.integrations.services.admin import ConnectorAdmin

        s = self.settings
        return ConnectorAdmin(
            self.integration_store,
            self.integration_credentials,
            self.integration_queue,
            self.clock,
            s.integrations_secret_prefix,
            self.exchange_store,
        )
