"""Renewal terms from the catalogue's offer and the per-product settings (grace days, subscription)."""

from __future__ import annotations

from datetime import timedelta

from helpdesk.commerce.model.catalogue import Plan, plan_of
from helpdesk.commerce.ports import Catalogue
from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.public import License, RenewalTerms

DEFAULT_GRACE_DAYS = 14


class CatalogueRenewalTerms:
    """A license renews on the plan and in the currency it was bought in, at the catalogue's current price.
    Monthly and yearly licenses are subscriptions (charged on the saved card) unless their product is
    renewed by hand (`manual`)."""

    def __init__(self, catalogue: Catalogue, grace_days: dict[str, int], manual: set[str]) -> None:
        self._catalogue, self._grace_days, self._manual = catalogue, grace_days, manual

    def terms_for(self, license: License) -> RenewalTerms:
        """The next period's terms: a scheduled plan change (a downgrade) is what renews."""
        later = license.scheduled_change
        plan = Plan(later.plan) if later else plan_of(license)
        edition = later.edition if later else license.edition
        if plan is Plan.LIFETIME:
            raise Invalid(f"{license.product} {license.edition} is sold for life: it does not renew")
        offer = self._catalogue.offer(license.product, edition, license.currency or None, plan)
        if offer.term is None:
            raise Invalid(f"{license.product} {license.edition} is sold for life: it does not renew")
        return RenewalTerms(
            period=offer.term,
            price=offer.price,
            manager=offer.manager,
            subscription=license.product not in self._manual,
            grace=timedelta(days=self._grace_days.get(license.product, DEFAULT_GRACE_DAYS)),
        )


def parse_grace_days(pairs: list[str]) -> dict[str, int]:
    """`LICENSE_GRACE_DAYS=seo-pro=21,backup=7` as the settings list gives it."""
    parsed: dict[str, int] = {}
    for pair in pairs:
        product, _, days = pair.partition("=")
        if not product or not days.isdigit():
            raise Invalid(f"grace days must read product=days, not {pair!r}")
        parsed[product.strip()] = int(days)
    return parsed
