"""The parts of the store (issue 22): catalogue management, module releases and downloads, update checks."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.bootstrap.core import CoreParts

if TYPE_CHECKING:
    from helpdesk.commerce.services.catalogue_admin import CatalogueAdmin


class StoreParts(CoreParts):
    @cached_property
    def catalogue_admin(self) -> CatalogueAdmin:
        from helpdesk.commerce.adapters.dynamo_catalogue import DynamoProductStore
        from helpdesk.commerce.adapters.dynamo_price_audit import DynamoPriceAudit
        from helpdesk.commerce.services.catalogue_admin import CatalogueAdmin

        s = self.settings
        store = DynamoProductStore(s.table_name, s.region, s.aws_endpoint_url)
        return CatalogueAdmin(store, DynamoPriceAudit(s.table_name, s.region, s.aws_endpoint_url), self.clock)
