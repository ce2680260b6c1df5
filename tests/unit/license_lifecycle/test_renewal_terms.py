from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.domain.errors import Invalid
from helpdesk.domain.licensing import License, Money
from helpdesk.domain.orders import CartInvalid, Offer
from helpdesk.services.license_renewal_terms import CatalogueRenewalTerms, parse_grace_days

pytestmark = pytest.mark.unit


class Catalogue:
    """Sells "lifetime" for life only; other editions yearly at 99 EUR and monthly at 9 EUR."""

    def offer(
        self, product: str, edition: str, currency: str | None = None, plan: str | None = None
    ) -> Offer:
        if edition == "lifetime" and plan != "lifetime":
            raise CartInvalid(f"{edition} is sold for life only")
        term = {"yearly": timedelta(days=365), "monthly": timedelta(days=31)}.get(plan or "lifetime")
        price = Money(900 if plan == "monthly" else 9900, "EUR")
        return Offer(product, edition, f"{product} {edition}", price, "mgr-anna", term=term)


def lic(product: str, edition: str = "standard", days: int = 365) -> License:
    now = datetime(2026, 11, 25, tzinfo=UTC)
    return License(
        id="l",
        product=product,
        edition=edition,
        customer_id="c",
        domains=("a.example",),
        issued=now,
        expires=now + timedelta(days=days),
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


def test_the_plan_is_the_one_whose_term_fits_the_period_even_after_renewals() -> None:
    terms = CatalogueRenewalTerms(Catalogue(), {}, set())
    assert terms.terms_for(lic("seo-pro", days=31)).price == Money(900, "EUR")
    assert terms.terms_for(lic("seo-pro", days=31 * 11)).period == timedelta(days=31)
    assert terms.terms_for(lic("seo-pro", days=365 * 2)).price == Money(9900, "EUR")
