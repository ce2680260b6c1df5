"""What other contexts may use of licensing: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.licensing.model.codec import license_id_in_key
from helpdesk.licensing.model.domains import ShopDomainInvalid
from helpdesk.licensing.model.history import CUSTOMER, SYSTEM, LicenseEvent
from helpdesk.licensing.model.license import (
    EditionUpgradeInvalid,
    License,
    LicenseNotFound,
    LicenseState,
    Money,
    PlanChoice,
    normalise_domain,
    upgrade_price,
)
from helpdesk.licensing.model.lifecycle import RenewalTerms
from helpdesk.licensing.model.update_answer import UpdateFacts
from helpdesk.licensing.ports import ChargeOutcome, LicenseRepository, RenewalStore
from helpdesk.licensing.services.admin import LicenseAdminService
from helpdesk.licensing.services.change_notices import LicenseChangeNotices
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.licensing.services.lifecycle import LicenseLifecycle
from helpdesk.licensing.services.queries import LicenseQueries

__all__ = [
    "CUSTOMER",
    "SYSTEM",
    "LicenseEvent",
    "ChargeOutcome",
    "EditionUpgradeInvalid",
    "License",
    "LicenseAdminService",
    "LicenseChangeNotices",
    "LicenseLifecycle",
    "LicenseNotFound",
    "LicenseQueries",
    "LicenseRepository",
    "LicenseState",
    "LicensingService",
    "Money",
    "PlanChoice",
    "RenewalStore",
    "RenewalTerms",
    "ShopDomainInvalid",
    "UpdateFacts",
    "license_id_in_key",
    "normalise_domain",
    "upgrade_price",
]
