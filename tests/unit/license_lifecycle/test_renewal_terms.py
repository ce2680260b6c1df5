from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.domain.errors import Invalid
from helpdesk.domain.licensing import License, Money
from helpdesk.domain.orders import Offer
from helpdesk.services.license_renewal_terms import CatalogueRenewalTerms, parse_grace_days

pytestmark = pytest.mark.unit


class Catalogue:
    def offer(self, product: str, edition: str) -> Offer:
        term = None if edition == "lifetime" else timedelta(days=365)
        return Offer(product, edition, f"{product} {edition}", Money(9900, "EUR"), "mgr-anna", term=term)


def lic(product: str, edition: str = "standard") -> License:
    now = datetime(2026, 11, 25, tzinfo=UTC)
    return License(
        id="l",
        product=product,
        edition=edition,
        customer_id="c",
        domains=("a.example",),
        issued=now,
        expires=now + timedelta(days=365),
        updates_until=None,
    )


def test_terms_follow_the_offer_and_the_per_product_settings() -> None:
    terms = CatalogueRenewalTerms(Catalogue(), parse_grace_days(["seo-pro=21"]), {"seo-pro"})

    seo = terms.terms_for(lic("seo-pro"))
    assert (seo.period, seo.price, seo.manager, seo.subscription, seo.grace) == (
        timedelta(days=365),
        Money(9900, "EUR"),
        "mgr-anna",
        True,
        timedelta(days=21),
    )
    backup = terms.terms_for(lic("backup"))
    assert (backup.subscription, backup.grace) == (False, timedelta(days=14))
    with pytest.raises(Invalid):
        terms.terms_for(lic("seo-pro", "lifetime"))


@pytest.mark.parametrize("bad", ["seo-pro", "=3", "seo-pro=x", "seo-pro=-1"])
def test_malformed_grace_days_are_refused(bad: str) -> None:
    with pytest.raises(Invalid):
        parse_grace_days([bad])
