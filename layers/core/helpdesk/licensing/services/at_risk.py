"""The console's licenses at risk, named for people: the catalogue's titles and the holders' names."""

from __future__ import annotations

from datetime import datetime

from helpdesk.licensing.model.lifecycle import LicenseRenewal
from helpdesk.licensing.ports import ProductNames
from helpdesk.licensing.services.lifecycle import LicenseLifecycle
from helpdesk.licensing.views.renewals import AtRiskView, RenewalView
from helpdesk.tickets.public import CustomerRepository


class LicensesAtRisk:
    def __init__(
        self, lifecycle: LicenseLifecycle, names: ProductNames, customers: CustomerRepository
    ) -> None:
        self._lifecycle, self._names, self._customers = lifecycle, names, customers

    def view(self, now: datetime) -> AtRiskView:
        people: dict[str, str] = {}

        def person(customer_id: str) -> str:
            if customer_id not in people:
                found = self._customers.get(customer_id)
                people[customer_id] = (found.name or found.email) if found else "a former customer"
            return people[customer_id]

        def named(r: LicenseRenewal) -> RenewalView:
            return RenewalView.of(r, self._names.title(r.product, r.edition), person(r.customer_id))

        return AtRiskView.of(self._lifecycle.licenses_at_risk(now), named)
