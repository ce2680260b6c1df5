"""The catalogue's offers: the price of a plan in a currency, the term each plan gives a license."""

from __future__ import annotations

import pytest
from helpdesk.commerce.model.catalogue import Edition, Plan, Price, Product
from helpdesk.commerce.model.orders import CartInvalid
from helpdesk.kernel.calendar import YEAR

pytestmark = pytest.mark.unit

PRO = Edition(
    "pro",
    "Pro",
    (Price(Plan.LIFETIME, "EUR", 9900), Price(Plan.YEARLY, "EUR", 3900), Price(Plan.LIFETIME, "RUB", 990000)),
    max_activations=5,
)
SEO = Product("seo-pro", "SEO Pro", "s", "d", "anna@helpdesk.localhost", ("8.2",), (PRO,))


def test_lifetime_never_expires_and_has_a_year_of_updates() -> None:
    offer = SEO.offer("pro", Plan.LIFETIME, "rub")
    assert (offer.price.amount, offer.price.currency) == (990000, "RUB")
    assert offer.term is None and offer.updates == YEAR
    assert offer.manager == "anna@helpdesk.localhost" and offer.max_activations == 5


def test_a_subscription_plan_runs_for_its_term() -> None:
    offer = SEO.offer("pro", Plan.YEARLY, "EUR")
    assert offer.price.amount == 3900 and offer.term == offer.updates == YEAR


@pytest.mark.parametrize(
    ("edition", "plan", "currency"),
    [("gold", Plan.LIFETIME, "EUR"), ("pro", Plan.MONTHLY, "EUR"), ("pro", Plan.YEARLY, "USD")],
)
def test_what_is_not_on_sale_is_refused(edition: str, plan: Plan, currency: str) -> None:
    with pytest.raises(CartInvalid):
        SEO.offer(edition, plan, currency)
