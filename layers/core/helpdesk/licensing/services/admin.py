"""Staff and billing use cases that change a license: transfer, upgrade, suspend, revoke."""

from __future__ import annotations

from datetime import datetime

from helpdesk.kernel.clock import Clock
from helpdesk.licensing.model.history import CUSTOMER, SYSTEM
from helpdesk.licensing.model.license import EditionUpgradeInvalid, License, Money, PlanChoice, upgrade_price
from helpdesk.licensing.ports import LicenseRepository
from helpdesk.licensing.services.licensing import LicensingService


class LicenseAdminService:
    def __init__(self, repo: LicenseRepository, keys: LicensingService, clock: Clock) -> None:
        self._repo, self._keys, self._clock = repo, keys, clock

    def get(self, license_id: str) -> License:
        return self._repo.get(license_id)

    def transfer_domain(
        self, license_id: str, old: str, new: str, by: str = "", reason: str = ""
    ) -> tuple[License, str]:
        """Move the license to another shop; the old key stops validating online. Returns the new key."""
        license = self._repo.get(license_id)
        saved = self._repo.save(license.transfer_domain(old, new, self._clock.now(), by, reason))
        return saved, self._keys.key_for(saved)

    def quote_upgrade(self, license_id: str, edition: str, prices: dict[str, Money]) -> Money:
        """What the customer pays to move to `edition`: the difference between the editions' prices."""
        license = self._repo.get(license_id)
        if license.edition not in prices or edition not in prices:
            raise EditionUpgradeInvalid(f"no price for {license.edition} or {edition}")
        return upgrade_price(prices[license.edition], prices[edition])

    def upgrade_edition(
        self, license_id: str, edition: str, max_activations: int | None = None, by: str = CUSTOMER
    ) -> tuple[License, str]:
        """Apply a paid upgrade (checkout calls this once the difference is paid). Returns the new key."""
        license = self._repo.get(license_id)
        if license.edition == edition:  # the upgrade's payment was reported twice
            return license, self._keys.key_for(license)
        saved = self._repo.save(license.upgrade_edition(edition, self._clock.now(), max_activations, by))
        return saved, self._keys.key_for(saved)

    def change_plan(
        self, license_id: str, to: PlanChoice, period_end: datetime, by: str = CUSTOMER
    ) -> tuple[License, str]:
        """Apply a paid plan change (checkout calls this once the proration is paid); returns the key."""
        license = self._repo.get(license_id)
        if license.choice == to and license.expires == period_end:  # the payment was reported twice
            return license, self._keys.key_for(license)
        saved = self._repo.save(license.change_plan(to, period_end, self._clock.now(), by))
        return saved, self._keys.key_for(saved)

    def schedule_change(self, license_id: str, to: PlanChoice, by: str = CUSTOMER) -> License:
        """Move the license to `to` when its period ends (a downgrade)."""
        license = self._repo.get(license_id)
        return self._repo.save(license.schedule_change(to, self._clock.now(), by))

    def cancel_renewal(self, license_id: str, by: str = CUSTOMER) -> License:
        license = self._repo.get(license_id)
        if license.renewal_cancelled:
            return license
        return self._repo.save(license.cancel_renewal(self._clock.now(), by))

    def resume_renewal(self, license_id: str, by: str = CUSTOMER) -> License:
        license = self._repo.get(license_id)
        if not license.renewal_cancelled:
            return license
        return self._repo.save(license.resume_renewal(self._clock.now(), by))

    def suspend(self, license_id: str, reason: str, by: str = "") -> License:
        return self._repo.save(self._repo.get(license_id).suspend(reason, self._clock.now(), by))

    def resume(self, license_id: str, by: str = "", reason: str = "") -> License:
        return self._repo.save(self._repo.get(license_id).resume(self._clock.now(), by, reason))

    def revoke(self, license_id: str, reason: str, by: str = SYSTEM) -> License:
        license = self._repo.get(license_id)
        revoked = license.revoke(reason, self._clock.now(), by)
        return license if revoked is license else self._repo.save(revoked)

    def revoke_order(self, order_id: str, reason: str) -> list[License]:
        """Revoke every license bought with an order (a refund)."""
        return [self.revoke(lic.id, reason) for lic in self._repo.list_for_order(order_id)]
