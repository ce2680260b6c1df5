from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.commerce.model.orders import (
    CartInvalid,
    CartItem,
    Offer,
    checked_cart,
    purchase_line,
    upgrade_line,
)
from helpdesk.licensing.model.license import Money

from tests.support.licenses import NOW, make_license

pytestmark = pytest.mark.unit
STANDARD = Offer("seo-pro", "standard", "SEO Pro", Money(4900, "EUR"), "mgr-anna")
PRO = Offer("seo-pro", "pro", "SEO Pro", Money(12900, "EUR"), "mgr-anna", 10)


def test_upgrade_line_is_priced_at_the_difference_and_keeps_the_domains() -> None:
    line = upgrade_line(make_license(domains=("a.example",)), STANDARD, PRO, NOW)
    assert (line.offer.price, line.offer.edition, line.domains, line.upgrade_of) == (
        Money(8000, "EUR"),
        "pro",
        ("a.example",),
        "lic-1",
    )


def test_upgrade_line_refuses_other_products_and_unusable_licenses() -> None:
    other = Offer("backup", "pro", "Backup", Money(9900, "EUR"), "mgr-ivan")
    with pytest.raises(CartInvalid):
        upgrade_line(make_license(), STANDARD, other, NOW)
    with pytest.raises(CartInvalid):
        upgrade_line(make_license().revoke("refund", NOW), STANDARD, PRO, NOW)
    with pytest.raises(CartInvalid):
        upgrade_line(make_license(expires=NOW - timedelta(days=30)), STANDARD, PRO, NOW)


def test_cart_needs_lines_one_currency_and_domains() -> None:
    line = purchase_line(
        CartItem("seo-pro", "standard", ("https://www.Shop.example/", "shop.example")), STANDARD
    )
    assert line.domains == ("shop.example",)
    with pytest.raises(CartInvalid):
        checked_cart([])
    usd = Offer("seo-pro", "standard", "SEO Pro", Money(5900, "USD"), "mgr-anna")
    with pytest.raises(CartInvalid):
        checked_cart([line, purchase_line(CartItem("seo-pro", "standard", ("b.example",)), usd)])
    with pytest.raises(CartInvalid):
        purchase_line(CartItem("seo-pro", "standard", ()), STANDARD)


def test_a_line_of_several_licenses_makes_one_license_per_domain_with_ids_from_the_order() -> None:
    from helpdesk.commerce.model.orders import Order

    single = purchase_line(CartItem("seo-pro", "standard", ("one.example", "staging.one.example")), STANDARD)
    several = purchase_line(CartItem("seo-pro", "pro", ("b.example", "a.example"), quantity=2), PRO)
    order = Order("co_1", "cs_1", "pi_1", "cus-1", "a@b.example", (single, several), Money(0, "EUR"), NOW)
    assert order.line_license_ids() == ["co_1-1", "co_1-2-1", "co_1-2-2"]  # one license keeps its old id
    assert [lic.domains for lic in order.licenses()] == [
        ("one.example", "staging.one.example"), ("a.example",), ("b.example",)]  # fmt: skip
    assert several.amount == 2 * PRO.price.amount
    with pytest.raises(CartInvalid):
        purchase_line(CartItem("seo-pro", "pro", ("a.example",), quantity=2), PRO)
