"""Issue 22: a subscriber changes plan from the cabinet. An upgrade (monthly to yearly, a better edition) is
prorated as Stripe does, shown before confirming, paid on the payment page and invoiced line by line; a
downgrade waits for the period's end and the renewal then charges the new plan. Others get 404s."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.billing.model.invoices import InvoiceKind
from helpdesk.bootstrap import container

from .billing_support import VISA, Payment, buy, deliver
from .conftest import cabinet, sent_mail

pytestmark = pytest.mark.integration
PRO_MONTHLY_USD, PRO_YEARLY_USD, STANDARD_YEARLY_USD = 500, 4300, 2100  # the demo catalogue's prices


def subscribe(edition: str = "pro", plan: str = "monthly", token: str = "alice") -> str:
    item = {"product": "seo-pro", "edition": edition, "plan": plan, "domains": ["shop.acme.example"]}
    cart = {"items": [item], "currency": "USD"}
    payment = buy(token, cart)
    deliver(payment.completed()), deliver(payment.card_saved(VISA))
    [license] = container().license_repository.list_for_order(payment.checkout_id)
    return license.id


def plan(license_id: str, edition: str, plan: str, token: str = "alice", what: str = "plan/quote"):  # type: ignore[no-untyped-def]
    wanted = {"edition": edition, "plan": plan}
    return cabinet("POST", f"/licenses/{{license_id}}/{what}", wanted, token=token, license_id=license_id)


def test_monthly_to_yearly_is_prorated_paid_and_invoiced_line_by_line(shop) -> None:  # type: ignore[no-untyped-def]
    mine = subscribe()
    options = cabinet("GET", "/licenses/{license_id}/plan", token="alice", license_id=mine).body
    assert {(o["name"], o["plan"], o["amount"], o["current"]) for o in options["options"]} >= {
        ("Pro", "monthly", PRO_MONTHLY_USD, True), ("Pro", "yearly", PRO_YEARLY_USD, False)}  # fmt: skip

    quote = plan(mine, "pro", "yearly").body
    [unused, new] = quote["lines"]
    assert quote["immediate"] and unused["description"].startswith("Unused time on SEO Pro pro (monthly)")
    assert -PRO_MONTHLY_USD <= unused["amount"] <= -PRO_MONTHLY_USD + 1  # bought just now: all of it unused
    assert new["amount"] == PRO_YEARLY_USD and quote["due"] == new["amount"] + unused["amount"]
    assert container().license_repository.get(mine).plan == "monthly"  # a quote changes nothing

    started = plan(mine, "pro", "yearly", what="plan").body
    payment = Payment(started["url"])
    assert container().checkout_store.get_checkout(payment.checkout_id).total.amount == started["due"]
    assert deliver(payment.completed()) == "fulfilled"
    changed = container().license_repository.get(mine)
    assert changed.plan == "yearly" and changed.expires is not None
    assert abs(changed.expires - changed.history[-1].at - timedelta(days=365)) <= timedelta(days=1)

    invoice = container().invoices._store.for_source(payment.checkout_id, InvoiceKind.INVOICE)
    [line] = invoice.lines
    assert "plan change to pro yearly" in line.description and "Unused time on" in line.description
    assert line.net + line.tax == started["due"]
    assert any("Changed to yearly" in mail.body for mail in sent_mail("alice@acme.example"))
    assert plan(mine, "pro", "yearly").status == 422  # on that plan already


def test_a_better_edition_costs_the_difference_for_the_time_left(shop) -> None:  # type: ignore[no-untyped-def]
    mine = subscribe("standard", "yearly")
    before = container().license_repository.get(mine)
    quote = plan(mine, "pro", "yearly").body
    assert quote["immediate"] and quote["period_end"][:10] == f"{before.expires:%Y-%m-%d}"  # the same period
    assert abs(quote["due"] - (PRO_YEARLY_USD - STANDARD_YEARLY_USD)) <= 1

    payment = Payment(plan(mine, "pro", "yearly", what="plan").body["url"])
    deliver(payment.completed()), deliver(payment.completed())
    after = container().license_repository.get(mine)
    assert (after.edition, after.expires, after.serial) == ("pro", before.expires, before.serial + 1)


def test_a_downgrade_waits_for_the_period_end_and_renews_on_the_new_plan(shop) -> None:  # type: ignore[no-untyped-def]
    mine = subscribe("pro", "yearly")
    quote = plan(mine, "pro", "monthly").body
    assert not quote["immediate"] and quote["due"] == 0 and quote["next_price"] == PRO_MONTHLY_USD
    ends = container().license_repository.get(mine).expires
    assert ends is not None and quote["effective"][:19] == f"{ends:%Y-%m-%dT%H:%M:%S}"  # at the period's end

    changed = plan(mine, "pro", "monthly", what="plan")
    assert changed.status == 200 and changed.body["url"] is None
    license = container().license_repository.get(mine)
    assert (license.plan, license.scheduled_change.plan) == ("yearly", "monthly")  # type: ignore[union-attr]
    options = cabinet("GET", "/licenses/{license_id}/plan", token="alice", license_id=mine).body
    assert options["scheduled"] == {"edition": "pro", "plan": "monthly"}

    renewal = cabinet("POST", "/licenses/{license_id}/renew", token="alice", license_id=mine).body
    renewal_checkout = container().checkout_store.get_checkout(Payment(renewal["url"]).checkout_id)
    assert renewal_checkout.total.amount == PRO_MONTHLY_USD  # renewing by hand pays the scheduled plan too
    lifecycle = container().license_lifecycle
    assert lifecycle._terms.terms_for(license).price.amount == PRO_MONTHLY_USD  # the renewal's price
    assert license.expires is not None
    lifecycle.renew(mine, license.expires + timedelta(days=31), "paid by the saved card")
    renewed = container().license_repository.get(mine)
    assert (renewed.plan, renewed.scheduled_change) == ("monthly", None)

    assert plan(mine, "standard", "yearly").body["immediate"] is False  # a cheaper edition waits too


def test_only_the_holders_change_a_plan_and_only_of_a_subscription(shop) -> None:  # type: ignore[no-untyped-def]
    mine = subscribe()
    for what in ("plan/quote", "plan"):
        foreign, unknown = (
            plan(mine, "pro", "yearly", "bob", what),
            plan("nope-1", "pro", "yearly", "bob", what),
        )
        assert (foreign.status, foreign.body) == (unknown.status, unknown.body) and foreign.status == 404
        assert plan(mine, "pro", "yearly", "anna", what).status == 403
    assert cabinet("GET", "/licenses/{license_id}/plan", token="bob", license_id=mine).status == 404
    assert plan(mine, "pro", "yearly", "carol").status == 200  # alice's colleague holds it too
    assert plan(mine, "pro", "lifetime").status == 422 and plan(mine, "gold", "yearly").status == 422
    assert container().license_repository.get(mine).plan == "monthly"

    cart = {
        "items": [{"product": "backup", "edition": "basic", "domains": ["b.acme.example"]}],
        "currency": "EUR",
    }
    lifetime = buy(cart=cart)
    deliver(lifetime.completed())
    [forever] = container().license_repository.list_for_order(lifetime.checkout_id)
    assert plan(forever.id, "basic", "yearly").status == 422
