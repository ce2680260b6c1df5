from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.commerce.adapters.renewal_terms import CatalogueRenewalTerms, parse_grace_days
from helpdesk.commerce.model.orders import Offer
from helpdesk.kernel.calendar import MONTH, YEAR
from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.model.license import License, Money

pytestmark = pytest.mark.unit


TERMS = {"monthly": MONTH, "yearly": YEAR}
PRICES = {("monthly", "USD"): 540, ("yearly", "USD"): 4300, ("yearly", "EUR"): 3900}


class Catalogue:
    def offer(
        self,
        product: str,
        edition: str,
        currency: str | None = None,
        plan: str | None = None,
        for_sale: bool = False,
    ) -> Offer:
        plan, currency = plan or "lifetime", currency or "EUR"
        price = Money(PRICES.get((plan, currency), 9900), currency)
        return Offer(product, edition, product, price, "mgr-anna", term=TERMS.get(plan), plan=plan)


def lic(product: str, plan: str = "yearly", currency: str = "USD", days: int = 366) -> License:
    now = datetime(2026, 11, 25, tzinfo=UTC)
    return License(
        id="l",
        product=product,
        edition="standard",
        customer_id="c",
        domains=("a.example",),
        issued=now,
        expires=now + timedelta(days=days) if plan != "lifetime" else None,
        updates_until=None,
        plan=plan,
        currency=currency,
    )


def test_terms_follow_the_plan_and_currency_bought_and_the_per_product_settings() -> None:
    terms = CatalogueRenewalTerms(Catalogue(), parse_grace_days(["seo-pro=21"]), {"backup"})

    seo = terms.terms_for(lic("seo-pro"))
    assert (seo.period, seo.price, seo.manager, seo.subscription, seo.grace) == (
        YEAR,
        Money(4300, "USD"),
        "mgr-anna",
        True,
        timedelta(days=21),
    )
    monthly = terms.terms_for(lic("seo-pro", "monthly", days=31))
    assert (monthly.period, monthly.price) == (MONTH, Money(540, "USD"))
    backup = terms.terms_for(lic("backup"))
    assert (backup.subscription, backup.grace) == (False, timedelta(days=14))
    with pytest.raises(Invalid):
        terms.terms_for(lic("seo-pro", "lifetime"))


def test_a_license_sold_before_plans_were_recorded_renews_on_its_first_term_in_euro() -> None:
    terms = CatalogueRenewalTerms(Catalogue(), {}, set())
    old = terms.terms_for(lic("seo-pro", plan="", currency="", days=366))
    assert (old.period, old.price) == (YEAR, Money(3900, "EUR"))
    assert terms.terms_for(lic("seo-pro", plan="", currency="USD", days=31)).period == MONTH


@pytest.mark.parametrize("bad", ["seo-pro", "=3", "seo-pro=x", "seo-pro=-1"])
def test_malformed_grace_days_are_refused(bad: str) -> None:
    with pytest.raises(Invalid):
        parse_grace_days([bad])


def test_a_legacy_license_renews_on_the_term_that_fits_its_period_even_after_renewals() -> None:
    terms = CatalogueRenewalTerms(Catalogue(), {}, set())
    assert terms.terms_for(lic("seo-pro", plan="", days=31)).price == Money(540, "USD")
    assert terms.terms_for(lic("seo-pro", plan="", days=31 * 11)).period == MONTH
    assert terms.terms_for(lic("seo-pro", plan="", days=365 * 2)).price == Money(4300, "USD")
