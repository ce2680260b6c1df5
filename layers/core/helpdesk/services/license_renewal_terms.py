"""Renewal terms from the catalogue's offer and the per-product settings (grace days, subscription)."""

from __future__ import annotations

from datetime import timedelta

from helpdesk.domain.catalogue import Plan
from helpdesk.domain.errors import Invalid
from helpdesk.domain.license_lifecycle import RenewalTerms
from helpdesk.domain.licensing import License
from helpdesk.domain.orders import CartInvalid, Offer
from helpdesk.services.checkout_ports import Catalogue

DEFAULT_GRACE_DAYS = 14


class CatalogueRenewalTerms:
    def __init__(self, catalogue: Catalogue, grace_days: dict[str, int], subscriptions: set[str]) -> None:
        self._catalogue, self._grace_days, self._subscriptions = catalogue, grace_days, subscriptions

    def terms_for(self, license: License) -> RenewalTerms:
        offer = self._renewing_offer(license)
        assert offer.term is not None
        return RenewalTerms(
            period=offer.term,
            price=offer.price,
            manager=offer.manager,
            subscription=license.product in self._subscriptions,
            grace=timedelta(days=self._grace_days.get(license.product, DEFAULT_GRACE_DAYS)),
        )

    def _renewing_offer(self, license: License) -> Offer:
        """The plan the license runs on. Licenses do not record it, so: the term that fits its period best."""
        offers = []
        for plan in (Plan.YEARLY, Plan.MONTHLY):
            try:
                offer = self._catalogue.offer(license.product, license.edition, None, plan.value)
            except CartInvalid:
                continue
            if offer.term is not None:
                offers.append(offer)
        if license.expires is None or not offers:
            raise Invalid(f"{license.product} {license.edition} is sold for life: it does not renew")
        period = license.expires - license.issued
        return min(offers, key=lambda o: _misfit(period, o.term or period))


def _misfit(period: timedelta, term: timedelta) -> float:
    """How far the period is from a whole number of terms (a renewed license has run several)."""
    ratio = period / term
    return abs(ratio - max(1, round(ratio)))


def parse_grace_days(pairs: list[str]) -> dict[str, int]:
    """`LICENSE_GRACE_DAYS=seo-pro=21,backup=7` as the settings list gives it."""
    parsed: dict[str, int] = {}
    for pair in pairs:
        product, _, days = pair.partition("=")
        if not product or not days.isdigit():
            raise Invalid(f"grace days must read product=days, not {pair!r}")
        parsed[product.strip()] = int(days)
    return parsed
