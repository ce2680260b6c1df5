"""Issue 22: several licenses of one edition in one cart line. Each is its own license with its own key and
domain; the total, the invoice (VAT included) and the receipt count them all; quantities are 1 to 50."""

from __future__ import annotations

import pytest
from helpdesk.billing.model.invoices import InvoiceKind
from helpdesk.bootstrap import container

from .billing_support import buy, deliver
from .conftest import cabinet, public, sent_mail

pytestmark = pytest.mark.integration
BASIC_EUR = 2900  # backup basic, lifetime, in the demo catalogue
DOMAINS = ["a.acme.example", "b.acme.example", "c.acme.example"]


def cart(quantity: int, domains: list[str], **more: object) -> dict[str, object]:
    item = {"product": "backup", "edition": "basic", "domains": domains, "quantity": quantity, **more}
    return {"items": [item], "currency": "EUR"}


def test_three_licenses_in_one_line_each_get_a_key_and_a_domain(shop) -> None:  # type: ignore[no-untyped-def]
    payment = buy("alice", cart(3, DOMAINS))
    checkout = container().checkout_store.get_checkout(payment.checkout_id)
    assert [line.quantity for line in checkout.lines] == [3] and checkout.total.amount == 3 * BASIC_EUR
    assert deliver(payment.completed()) == "fulfilled" and deliver(payment.completed()) == "duplicate"

    licenses = container().license_repository.list_for_order(payment.checkout_id)
    assert sorted(lic.domains for lic in licenses) == [(d,) for d in DOMAINS]
    keys = {container().license_queries.detail(lic.id).key for lic in licenses}
    assert len(keys) == 3
    [receipt] = sent_mail("alice@acme.example")
    assert (
        all(key in receipt.body for key in keys)
        and f"Total paid: {3 * BASIC_EUR / 100:.2f} EUR" in receipt.body
    )

    [order] = [
        o for o in cabinet("GET", "/orders", token="alice").body["items"] if o["id"] == payment.checkout_id
    ]
    assert order["total"] == 3 * BASIC_EUR and order["items"][0]["quantity"] == 3
    assert sorted(order["license_ids"]) == sorted(lic.id for lic in licenses)
    invoice = container().invoices._store.for_source(payment.checkout_id, InvoiceKind.INVOICE)
    [line] = invoice.lines
    assert line.net + line.tax == 3 * BASIC_EUR and "3 licenses" in line.description
    for lic in licenses:  # each key works on its own shop only
        check = {"key": container().license_queries.detail(lic.id).key, "product": "backup"}
        assert (
            public("POST", "/licenses/validate", {**check, "domain": lic.domains[0]}).body["result"]
            == "valid"
        )
    other = {"key": container().license_queries.detail(licenses[0].id).key, "product": "backup"}
    wrong = next(d for d in DOMAINS if d not in licenses[0].domains)
    assert public("POST", "/licenses/validate", {**other, "domain": wrong}).body["result"] == "invalid"


@pytest.mark.parametrize(
    ("quantity", "domains"),
    [
        (0, DOMAINS[:1]),
        (51, [f"s{n}.acme.example" for n in range(51)]),
        (3, DOMAINS[:2]),  # a domain for each license
        (3, ["a.acme.example", "A.acme.example", "b.acme.example"]),  # different ones
    ],
)
def test_quantities_outside_1_to_50_or_without_a_domain_each_are_refused(shop, quantity, domains) -> None:  # type: ignore[no-untyped-def]
    answer = public("POST", "/checkout", cart(quantity, domains), token="alice")
    assert answer.status == 422, answer.body


def test_an_upgrade_is_of_one_license(shop) -> None:  # type: ignore[no-untyped-def]
    seo = {"product": "seo-pro", "edition": "standard", "domains": DOMAINS[:1]}
    payment = buy("alice", {"items": [seo], "currency": "EUR"})
    deliver(payment.completed())
    [license] = container().license_repository.list_for_order(payment.checkout_id)
    upgrade = {**seo, "edition": "pro", "upgrade_of": license.id}
    two = public(
        "POST", "/checkout", {"items": [{**upgrade, "quantity": 2}], "currency": "EUR"}, token="alice"
    )
    one = public("POST", "/checkout", {"items": [upgrade], "currency": "EUR"}, token="alice")
    assert (two.status, one.status) == (422, 200)
