"""Renewal from the cabinet: a payment for the next period of a license the caller's organisation holds."""

from __future__ import annotations

from helpdesk.commerce.model.catalogue import plan_of
from helpdesk.commerce.model.orders import CartItem
from helpdesk.commerce.ports import PaymentSession
from helpdesk.commerce.services.checkout import NO_SUCH_LICENSE, CheckoutService, holds
from helpdesk.commerce.services.self_service import held_license
from helpdesk.identity.public import Principal, organisation_scope
from helpdesk.kernel.errors import Forbidden
from helpdesk.licensing.public import LicenseNotFound, LicenseRepository
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
        try:
            license = self._licenses.get(license_id)
        except LicenseNotFound:
            raise LicenseNotFound(NO_SUCH_LICENSE) from None
        if not holds(license, customer_id_for(email), organisation):
            raise LicenseNotFound(NO_SUCH_LICENSE)
        return self._checkout.start_renewal(license, email, "", return_url, return_url, organisation)

    def saved_card(self, caller: Principal) -> str | None:
        if not caller.email:
            raise Forbidden("the token carries no e-mail address")
        return self._checkout.saved_card(caller.email.lower())

    def replace_card(self, caller: Principal, return_url: str) -> PaymentSession:
        """The caller saves a new card for their renewals (their own billing account, never a colleague's)."""
        if not caller.email:
            raise Forbidden("the token carries no e-mail address")
        email = caller.email.lower()
        return self._checkout.start_card_setup(email, organisation_scope(caller), return_url, return_url)

    def upgrade(self, caller: Principal, license_id: str, edition: str, return_url: str) -> PaymentSession:
        """Pay the difference to a better edition of a license the caller holds (checkout checks again)."""
        license = held_license(self._licenses, caller, license_id)
        plan = plan_of(license).value
        item = CartItem(license.product, edition, license.domains, license.id, license.currency or None, plan)
        email = (caller.email or "").lower()
        return self._checkout.start_checkout(
            [item], email, "", return_url, return_url, organisation_scope(caller), None, caller
        )
