"""Renewal terms from the catalogue's offer and the per-product settings (grace days, subscription)."""

from __future__ import annotations

from datetime import timedelta

from helpdesk.domain.errors import Invalid
from helpdesk.domain.license_lifecycle import RenewalTerms
from helpdesk.domain.licensing import License
from helpdesk.services.checkout_ports import Catalogue

DEFAULT_GRACE_DAYS = 14


class CatalogueRenewalTerms:
    def __init__(self, catalogue: Catalogue, grace_days: dict[str, int], subscriptions: set[str]) -> None:
        self._catalogue, self._grace_days, self._subscriptions = catalogue, grace_days, subscriptions

    def terms_for(self, license: License) -> RenewalTerms:
        offer = self._catalogue.offer(license.product, license.edition)
        if offer.term is None:
            raise Invalid(f"{license.product} {license.edition} is sold for life: it does not renew")
        return RenewalTerms(
            period=offer.term,
            price=offer.price,
            manager=offer.manager,
            subscription=license.product in self._subscriptions,
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
