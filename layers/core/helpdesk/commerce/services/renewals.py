"""Renewal from the cabinet: a payment for the next period of a license the caller's organisation holds."""

from __future__ import annotations

from helpdesk.commerce.ports import PaymentSession
from helpdesk.commerce.services.checkout import CheckoutService
from helpdesk.identity.public import Principal, organisation_scope
from helpdesk.kernel.errors import Forbidden
from helpdesk.licensing.public import License, LicenseNotFound, LicenseRepository
from helpdesk.tickets.public import customer_id_for


class CabinetRenewals:
    def __init__(self, licenses: LicenseRepository, checkout: CheckoutService) -> None:
        self._licenses, self._checkout = licenses, checkout

    def renew(self, caller: Principal, license_id: str, return_url: str) -> PaymentSession:
        """The caller pays; someone else's license answers LicenseNotFound, as a missing one does."""
        organisation = organisation_scope(caller)
        if not caller.email:
            raise Forbidden("the token carries no e-mail address")
        email = caller.email.lower()
        license = self._licenses.get(license_id)
        if not _holds(license, customer_id_for(email), organisation):
            raise LicenseNotFound(f"license {license_id} not found")
        return self._checkout.start_renewal(license, email, "", return_url, return_url, organisation)


def _holds(license: License, customer_id: str, organisation: str | None) -> bool:
    """The cabinet shows the organisation's licenses: its owner and colleagues may renew them."""
    return license.customer_id == customer_id or (
        organisation is not None and license.organisation_id == organisation
    )
