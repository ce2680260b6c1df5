"""The parts of the store (issue 22): catalogue management, module releases and downloads, update checks."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.bootstrap.core import CoreParts, aws_client

if TYPE_CHECKING:
    from helpdesk.cabinet.services.order_page import OrderPages
    from helpdesk.commerce.services.catalogue_admin import CatalogueAdmin
    from helpdesk.commerce.services.downloads import LicenseDownloads
    from helpdesk.commerce.services.marketplace_import import MarketplaceImport
    from helpdesk.commerce.services.plan_change import PlanChanges
    from helpdesk.commerce.services.releases import ReleaseDesk
    from helpdesk.commerce.services.self_service import LicenseSelfService
    from helpdesk.commerce.services.update_check import UpdateCheck


class StoreParts(CoreParts):
    @cached_property
    def catalogue_admin(self) -> CatalogueAdmin:
        from helpdesk.commerce.adapters.dynamo_catalogue import DynamoProductStore
        from helpdesk.commerce.adapters.dynamo_price_audit import DynamoPriceAudit
        from helpdesk.commerce.services.catalogue_admin import CatalogueAdmin

        s = self.settings
        store = DynamoProductStore(s.table_name, s.region, s.aws_endpoint_url)
        return CatalogueAdmin(store, DynamoPriceAudit(s.table_name, s.region, s.aws_endpoint_url), self.clock)

    @cached_property
    def releases(self) -> ReleaseDesk:
        from helpdesk.commerce.adapters.dynamo_catalogue import DynamoProductStore
        from helpdesk.commerce.adapters.dynamo_releases import DynamoReleaseStore
        from helpdesk.commerce.adapters.s3_release_files import S3ReleaseFiles
        from helpdesk.commerce.services.releases import ReleaseDesk

        s = self.settings
        return ReleaseDesk(
            DynamoReleaseStore(s.table_name, s.region, s.aws_endpoint_url),
            S3ReleaseFiles(aws_client(s, "s3"), s.releases_bucket),
            DynamoProductStore(s.table_name, s.region, s.aws_endpoint_url),
            self.clock,
            s.download_url_expiry_seconds,
        )

    @cached_property
    def license_downloads(self) -> LicenseDownloads:
        from helpdesk.commerce.services.downloads import LicenseDownloads

        return LicenseDownloads(self.license_repository, self.licensing, self.releases)

    @cached_property
    def update_check(self) -> UpdateCheck:
        from helpdesk.commerce.services.update_check import UpdateCheck

        return UpdateCheck(self.licensing, self.releases, self.clock)

    @cached_property
    def marketplace_import(self) -> MarketplaceImport:
        from helpdesk.commerce.adapters.dynamo_catalogue import DynamoProductStore
        from helpdesk.commerce.adapters.ticket_links import CustomerAccounts
        from helpdesk.commerce.services.marketplace_import import MarketplaceImport
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer

        s = self.settings
        return MarketplaceImport(
            DynamoProductStore(s.table_name, s.region, s.aws_endpoint_url),
            CustomerAccounts(self.ticket_stores),
            self.license_repository,
            self.licensing,
            SesNoticeMailer(aws_client(s, "ses"), s.support_address),
        )

    @cached_property
    def license_self_service(self) -> LicenseSelfService:
        from helpdesk.commerce.services.self_service import LicenseSelfService

        return LicenseSelfService(self.license_repository, self.license_admin, self.clock)

    @cached_property
    def plan_changes(self) -> PlanChanges:
        from helpdesk.commerce.adapters.dynamo_catalogue import DynamoProductStore
        from helpdesk.commerce.services.plan_change import PlanChanges

        s = self.settings
        products = DynamoProductStore(s.table_name, s.region, s.aws_endpoint_url)
        return PlanChanges(self.license_repository, products, self.checkout, self.license_admin, self.clock)

    @cached_property
    def order_pages(self) -> OrderPages:
        from helpdesk.cabinet.services.order_page import OrderPages

        return OrderPages(self.cabinet, self.invoices, self.task_desk)
