"""The cabinet's self-service on a license its caller holds: activations, releasing one, moving domain."""

from __future__ import annotations

from datetime import datetime

from helpdesk.commerce.model.self_service import check_move_allowed, moves_left
from helpdesk.commerce.services.checkout import NO_SUCH_LICENSE, holds
from helpdesk.identity.public import Principal, organisation_scope
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden, NotFound
from helpdesk.licensing.public import (
    CUSTOMER,
    License,
    LicenseAdminService,
    LicenseNotFound,
    LicenseRepository,
    normalise_domain,
)
from helpdesk.tickets.public import customer_id_for


class ActivationNotFound(NotFound):
    """The license is not active on this host."""


def held_license(licenses: LicenseRepository, caller: Principal, license_id: str) -> License:
    """The caller's (or their organisation's) license; anyone else's answers as an unknown id does."""
    organisation = organisation_scope(caller)
    if not caller.email:
        raise Forbidden("the token carries no e-mail address")
    try:
        license = licenses.get(license_id)
    except LicenseNotFound:
        raise LicenseNotFound(NO_SUCH_LICENSE) from None
    if not holds(license, customer_id_for(caller.email.lower()), organisation):
        raise LicenseNotFound(NO_SUCH_LICENSE)
    return license


class LicenseSelfService:
    def __init__(self, licenses: LicenseRepository, admin: LicenseAdminService, clock: Clock) -> None:
        self._licenses, self._admin, self._clock = licenses, admin, clock

    def held(self, caller: Principal, license_id: str) -> License:
        return held_license(self._licenses, caller, license_id)

    def activations(
        self, caller: Principal, license_id: str
    ) -> tuple[License, list[tuple[str, datetime]], int]:
        """The license, its activations (host, since when) and the domain moves left this year."""
        license = self.held(caller, license_id)
        found = [(a.host, a.activated_at) for a in self._licenses.activations(license.id)]
        return license, found, moves_left(license, self._clock.now())

    def deactivate(self, caller: Principal, license_id: str, host: str) -> None:
        """Free the slot a shop took (it activates again on its next check)."""
        license = self.held(caller, license_id)
        if not self._licenses.deactivate(license.id, normalise_domain(host)):
            raise ActivationNotFound(f"license {license_id} is not active on {host}")

    def cancel_renewal(self, caller: Principal, license_id: str) -> License:
        """End the subscription at its period's end: no more charges; resumable until then."""
        return self._admin.cancel_renewal(self.held(caller, license_id).id, CUSTOMER)

    def resume_renewal(self, caller: Principal, license_id: str) -> License:
        return self._admin.resume_renewal(self.held(caller, license_id).id, CUSTOMER)

    def move_domain(self, caller: Principal, license_id: str, old: str, new: str) -> tuple[License, str]:
        """Move to another shop within the policy; the old domain's activations go. Returns the new key."""
        license = self.held(caller, license_id)
        check_move_allowed(license, self._clock.now())
        for activation in self._licenses.activations(license.id):
            if activation.host == normalise_domain(old) or activation.host.endswith(
                "." + normalise_domain(old)
            ):
                self._licenses.deactivate(license.id, activation.host)
        return self._admin.transfer_domain(license.id, old, new, CUSTOMER, f"moved by {caller.email}")
