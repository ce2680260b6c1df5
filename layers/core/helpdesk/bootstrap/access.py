"""Wiring of the access context (docs/server-access.md)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.bootstrap.core import CoreParts, aws_client

if TYPE_CHECKING:
    from helpdesk.access.ports import CaPublicKey, CertificateAuthority, HostingPanel
    from helpdesk.access.services.context import AccessStores
    from helpdesk.access.services.grants import AccessGrants
    from helpdesk.access.services.servers import AccessAdmin


class AccessParts(CoreParts):
    @cached_property
    def access_stores(self) -> AccessStores:
        from helpdesk.access.adapters.cpanel import PanelOnFirstUse
        from helpdesk.access.adapters.dynamo_access import DynamoAudit, DynamoRequests, DynamoServers
        from helpdesk.access.adapters.signed_links import HmacApprovalLinks
        from helpdesk.access.adapters.ticket_desk import TicketsForAccess
        from helpdesk.access.services.context import AccessStores
        from helpdesk.kernel.adapters.dynamo_table import item_model
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer

        s = self.settings
        model = item_model(s.table_name, s.region, s.aws_endpoint_url)
        desk = TicketsForAccess(
            self.ticket_stores.tickets,
            self.ticket_stores.customers,
            lambda ticket_id, text: self.tickets.tickets.add_note(ticket_id, "access", text, "Server access"),
            SesNoticeMailer(aws_client(s, "ses"), s.support_address),
        )
        return AccessStores(
            servers=DynamoServers(model),
            requests=DynamoRequests(model),
            audit=DynamoAudit(model),
            tickets=desk,
            panel=PanelOnFirstUse(lambda: self.hosting_panel),
            links=HmacApprovalLinks(lambda: self.reply_token_secret, s.cabinet_url),
            clock=self.clock,
            seconds_per_hour=s.access_seconds_per_hour,
        )

    @cached_property
    def hosting_panel(self) -> HostingPanel:
        from helpdesk.access.adapters.cpanel import CpanelUapi, NoHostingPanel

        s = self.settings
        if not s.hosting_panel_url:
            return NoHostingPanel()
        token = self.get_secret(s.hosting_panel_token_secret) if s.hosting_panel_token_secret else ""
        if not token and s.stage == "local":
            token = s.local_hosting_panel_token
        return CpanelUapi(s.hosting_panel_url, token)

    @cached_property
    def access_ca(self) -> CertificateAuthority:
        """The signing key: only the staff API's function may read its secret (template.yaml)."""
        from helpdesk.access.adapters.dynamo_access import DynamoCaPublicKey
        from helpdesk.access.adapters.ssh_ca import load_ca
        from helpdesk.kernel.adapters.dynamo_table import item_model

        s = self.settings
        ca = load_ca(aws_client(s, "secretsmanager"), s.access_ca_secret_name, s.stage == "local")
        published = DynamoCaPublicKey(item_model(s.table_name, s.region, s.aws_endpoint_url))
        if published.line() != ca.public_key():
            published.publish(ca.public_key())
        return ca

    @cached_property
    def access_ca_public_key(self) -> CaPublicKey:
        from helpdesk.access.adapters.dynamo_access import DynamoCaPublicKey
        from helpdesk.access.adapters.ssh_ca import PublishedCa
        from helpdesk.kernel.adapters.dynamo_table import item_model

        s = self.settings
        return PublishedCa(DynamoCaPublicKey(item_model(s.table_name, s.region, s.aws_endpoint_url)))

    @cached_property
    def access_grants(self) -> AccessGrants:
        """The staff side: approval and fetch sign certificates."""
        from helpdesk.access.services.grants import AccessGrants

        return AccessGrants(self.access_stores, self.access_ca)

    @cached_property
    def client_access_grants(self) -> AccessGrants:
        """The cabinet's side: approves and revokes, never holds the CA."""
        from helpdesk.access.services.grants import AccessGrants

        return AccessGrants(self.access_stores, None)

    @cached_property
    def access_admin(self) -> AccessAdmin:
        from helpdesk.access.services.servers import AccessAdmin

        return AccessAdmin(self.access_stores, self.access_ca_public_key, self.settings.access_krl_base_url)
