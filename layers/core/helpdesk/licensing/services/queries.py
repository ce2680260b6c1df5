"""Read side of licensing for the cabinet and the console: licenses with their state, activations and key."""

from __future__ import annotations

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden
from helpdesk.licensing.model.license import License
from helpdesk.licensing.ports import LicenseRepository, ProductNames, SlugNames
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.licensing.views.licensing import LicenseView


class LicenseQueries:
    def __init__(
        self, repo: LicenseRepository, keys: LicensingService, clock: Clock, names: ProductNames | None = None
    ) -> None:
        self._repo, self._keys, self._clock, self._names = repo, keys, clock, names or SlugNames()

    def title(self, lic: License) -> str:
        """`Payments Plus — Standard`: the catalogue's product and edition names."""
        return self._names.title(lic.product, lic.edition)

    def for_customer(self, customer_id: str) -> list[LicenseView]:
        """The cabinet's list: what this customer owns."""
        return [self._view(lic) for lic in self._repo.list_for_customer(customer_id)]

    def for_organisation(self, organisation_id: str) -> list[LicenseView]:
        return [self._view(lic) for lic in self._repo.list_for_organisation(organisation_id)]

    def for_order(self, order_id: str) -> list[LicenseView]:
        return [self._view(lic) for lic in self._repo.list_for_order(order_id)]

    def owned(self, license_id: str, customer_id: str) -> LicenseView:
        """One license for its owner; someone else's is Forbidden (the cabinet's detail page)."""
        license = self._repo.get(license_id)
        if license.customer_id != customer_id:
            raise Forbidden(f"license {license_id} belongs to another customer")
        return self._view(license)

    def detail(self, license_id: str) -> LicenseView:
        """One license for staff."""
        return self._view(self._repo.get(license_id))

    def _view(self, lic: License) -> LicenseView:
        return LicenseView(
            id=lic.id,
            product=lic.product,
            edition=lic.edition,
            title=self.title(lic),
            state=lic.state_at(self._clock.now()).value,
            domains=list(lic.domains),
            issued=lic.issued,
            expires=lic.expires,
            updates_until=lic.updates_until,
            max_activations=lic.max_activations,
            activations=[a.host for a in self._repo.activations(lic.id)],
            key=self._keys.key_for(lic),
            order_id=lic.order_id,
            customer_id=lic.customer_id,
            renewal_cancelled=lic.renewal_cancelled,
        )
