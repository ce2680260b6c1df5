"""Staff license routes in-process under moto: search, at risk, one license's page and every action on it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import session_completed_event, signed_webhook
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.clock import FixedClock

from .conftest import TOKENS, Answer, call, checkout_of, public, sent_mail

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def staff_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(TOKENS, "alla", Principal("sub-alla", "alla@x.example", frozenset({Role.ACCOUNTANT})))
    monkeypatch.setitem(TOKENS, "dima", Principal("sub-dima", "dima@x.example", frozenset({Role.DEVELOPER})))
    monkeypatch.setitem(TOKENS, "ada", Principal("sub-ada", "ada@x.example", frozenset({Role.ADMIN})))


def staff(method: str, resource: str, body: Any = None, token: str = "anna", **kwargs: Any) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **kwargs)


def buy(token: str, product: str, edition: str, plan: str, domain: str) -> str:
    """Pay a checkout through the signed webhook; returns the new license's id."""
    cart = {"items": [{"product": product, "edition": edition, "plan": plan, "domains": [domain]}]}
    session_id, checkout_id = checkout_of(public("POST", "/checkout", cart, token=token).body["checkout_url"])
    checkout = container().checkout_store.get_checkout(checkout_id)
    body, signature = signed_webhook(
        session_completed_event(checkout, session_id, f"pi_{session_id}"),
        container().settings.local_stripe_webhook_secret,
    )
    public("POST", "/webhooks/stripe", body.decode(), headers={"Stripe-Signature": signature})
    return container().license_queries.for_order(checkout_id)[0].id


def validate(license_id: str, domain: str) -> dict[str, Any]:
    key = container().license_queries.detail(license_id).key
    check = {"key": key, "product": "seo-pro", "domain": domain}
    return public("POST", "/licenses/validate", check).body  # type: ignore[no-any-return]


def test_search_filters_and_pages_through_every_license(shop) -> None:  # type: ignore[no-untyped-def]
    seo = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    backup = buy("alice", "backup", "basic", "lifetime", "backup.acme.example")
    globex = buy("bob", "seo-pro", "pro", "yearly", "globex.example")
    staff("POST", "/licenses/{license_id}/suspend", {"reason": "unpaid"}, license_id=globex)

    ids = lambda answer: {row["id"] for row in answer.body["items"]}  # noqa: E731
    assert ids(staff("GET", "/licenses", query={"product": "seo-pro"})) == {seo, globex}
    assert ids(staff("GET", "/licenses", query={"state": "suspended"})) == {globex}
    assert ids(staff("GET", "/licenses", query={"domain": "acme.example"})) == {seo, backup}
    assert ids(staff("GET", "/licenses", query={"domain": "www.globex.example"})) == {globex}
    customer = container().license_queries.detail(seo).customer_id
    assert ids(staff("GET", "/licenses", query={"customer": customer})) == {seo, backup}

    seen, cursor = [], None
    for _ in range(5):
        page = staff("GET", "/licenses", query={"limit": "1", **({"cursor": cursor} if cursor else {})})
        seen += [row["id"] for row in page.body["items"]]
        cursor = page.body["cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted([seo, backup, globex])
    assert staff("GET", "/licenses", query={"state": "nonsense"}).status == 422
    assert staff("GET", "/licenses", token="alice").status == 403


def test_licenses_at_risk_by_window_with_revenue_per_currency(shop) -> None:  # type: ignore[no-untyped-def]
    seo = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    buy("bob", "seo-pro", "pro", "yearly", "globex.example")
    expires = container().license_queries.detail(seo).expires
    container().clock = FixedClock(expires - timedelta(days=20))  # both end within the next 30 days

    risk = staff("GET", "/licenses/at-risk", token="alla")
    assert risk.status == 200
    assert len(risk.body["expiring"]["30"]) == 2 and len(risk.body["expiring"]["90"]) == 2
    assert risk.body["revenue_at_risk"] == {"EUR": 1900 + 3900}  # the yearly prices of standard and pro
    assert {r["license_id"] for r in risk.body["expiring"]["30"]} >= {seo}
    row = next(r for r in risk.body["expiring"]["30"] if r["license_id"] == seo)
    holder = container().ticket_stores.customers.get(row["customer_id"])
    assert holder is not None and row["customer"] == (holder.name or holder.email)
    assert row["title"] == "SEO Pro — Standard"
    assert staff("GET", "/licenses/at-risk", token="dima").status == 403


def test_license_page_shows_key_activations_renewal_and_priced_upgrades(shop) -> None:  # type: ignore[no-untyped-def]
    seo = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    key = container().license_queries.detail(seo).key
    public("POST", "/licenses/activate", {"key": key, "product": "seo-pro", "domain": "shop.acme.example"})

    page = staff("GET", "/licenses/{license_id}", token="dima", license_id=seo).body
    assert page["license"]["key"] == key and page["license"]["activations"] == ["shop.acme.example"]
    assert page["renewal"]["renews_on"][:19] == page["license"]["expires"][:19]
    assert page["upgrades"] == [{"edition": "pro", "name": "Pro", "amount": 3900 - 1900, "currency": "EUR"}]
    assert staff("GET", "/licenses/{license_id}", license_id="nope").status == 404


def test_staff_transfer_upgrade_suspend_resume_and_revoke(shop) -> None:  # type: ignore[no-untyped-def]
    seo = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    old_key = container().license_queries.detail(seo).key
    move = {"old_domain": "shop.acme.example", "new_domain": "new.acme.example"}
    moved = staff("POST", "/licenses/{license_id}/transfer", move, license_id=seo).body
    assert moved["license"]["domains"] == ["new.acme.example"] and moved["license"]["key"] != old_key
    assert staff("POST", "/licenses/{license_id}/transfer", move, license_id=seo).status == 422  # not bound

    upgraded = staff(
        "POST", "/licenses/{license_id}/upgrade", {"edition": "pro"}, token="ada", license_id=seo
    )
    assert upgraded.body["license"]["edition"] == "pro" and upgraded.body["license"]["max_activations"] == 5
    assert upgraded.body["upgrades"] == []
    assert (
        staff("POST", "/licenses/{license_id}/upgrade", {"edition": "standard"}, license_id=seo).status == 422
    )

    suspended = staff("POST", "/licenses/{license_id}/suspend", {"reason": "chargeback"}, license_id=seo).body
    assert (suspended["license"]["state"], suspended["reason"]) == ("suspended", "chargeback")
    assert validate(seo, "new.acme.example")["state"] == "suspended"
    assert (
        staff("POST", "/licenses/{license_id}/resume", {}, license_id=seo).body["license"]["state"]
        == "active"
    )

    assert (
        staff("POST", "/licenses/{license_id}/revoke", {}, license_id=seo).status == 422
    )  # a reason is required
    for token in ("alla", "dima", "alice"):
        assert (
            staff(
                "POST", "/licenses/{license_id}/revoke", {"reason": "x"}, token=token, license_id=seo
            ).status
            == 403
        )
    revoked = staff(
        "POST", "/licenses/{license_id}/revoke", {"reason": "refunded by hand"}, license_id=seo
    ).body
    assert (revoked["license"]["state"], revoked["reason"]) == ("revoked", "refunded by hand")
    assert validate(seo, "new.acme.example")["state"] == "revoked"
    assert revoked["history"][-1]["text"] == "Revoked by Anna Petrova: refunded by hand"
    assert staff("POST", "/licenses/{license_id}/suspend", {"reason": "x"}, license_id=seo).status == 403


def test_extending_by_hand_moves_the_end_and_starts_the_next_period(shop) -> None:  # type: ignore[no-untyped-def]
    seo = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    expires = container().license_queries.detail(seo).expires
    until = (expires + timedelta(days=90)).replace(microsecond=0)

    extended = staff(
        "POST", "/licenses/{license_id}/extend", {"until": until.isoformat()}, license_id=seo
    ).body
    assert extended["license"]["expires"].startswith(until.strftime("%Y-%m-%dT%H:%M:%S"))
    assert extended["renewal"]["renews_on"].startswith(until.strftime("%Y-%m-%dT%H:%M:%S"))
    assert (
        extended["history"][-1]["text"] == f"Renewed until {until:%d %b %Y} by Anna Petrova: extended by hand"
    )
    sfn = container().license_lifecycle._workflows._sfn  # noqa: SLF001 - the adapter's own client
    arn = container().settings.license_lifecycle_arn
    names = {e["name"] for e in sfn.list_executions(stateMachineArn=arn)["executions"]}
    assert f"lic-{seo}-{until:%Y%m%d}" in names and f"lic-{seo}-{expires:%Y%m%d}" in names

    again = staff("POST", "/licenses/{license_id}/extend", {"until": until.isoformat()}, license_id=seo)
    assert again.status == 422  # it runs until then already
    lifetime = buy("alice", "backup", "basic", "lifetime", "backup.acme.example")
    assert (
        staff(
            "POST", "/licenses/{license_id}/extend", {"until": until.isoformat()}, license_id=lifetime
        ).status
        == 422
    )


@pytest.mark.parametrize("hostile", ["new.example:443@evil.example", "new.example#.shop", "10.0.0.1", "a..b"])
def test_hostile_domains_are_refused_with_422_by_checkout_transfer_and_validation(  # type: ignore[no-untyped-def]
    shop, hostile: str
) -> None:
    seo = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    move = {"old_domain": "shop.acme.example", "new_domain": hostile}
    refused = staff("POST", "/licenses/{license_id}/transfer", move, license_id=seo)
    assert refused.status == 422 and repr(hostile) in refused.body["detail"]
    assert container().license_queries.detail(seo).domains == ["shop.acme.example"]
    key = container().license_queries.detail(seo).key
    check = {"key": key, "product": "seo-pro", "domain": hostile}
    assert public("POST", "/licenses/validate", check).status == 422
    cart = {"items": [{"product": "seo-pro", "edition": "standard", "plan": "yearly", "domains": [hostile]}]}
    assert public("POST", "/checkout", cart, token="alice").status == 422
    unicode = {**move, "new_domain": "Bücher.Example."}
    moved = staff("POST", "/licenses/{license_id}/transfer", unicode, license_id=seo)
    assert moved.status == 200 and moved.body["license"]["domains"] == ["xn--bcher-kva.example"]


def test_each_staff_action_mails_the_holder_what_changed_and_why(shop) -> None:  # type: ignore[no-untyped-def]
    seo = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    receipts = len(sent_mail("alice@acme.example"))
    on = {"license_id": seo}
    staff("POST", "/licenses/{license_id}/suspend", {"reason": "invoice unpaid"}, **on)
    staff("POST", "/licenses/{license_id}/resume", {"reason": "payment received"}, **on)
    move = {"old_domain": "shop.acme.example", "new_domain": "new.acme.example", "reason": "new shop"}
    moved = staff("POST", "/licenses/{license_id}/transfer", move, **on).body
    until = (container().license_queries.detail(seo).expires + timedelta(days=30)).replace(microsecond=0)
    extended = staff(
        "POST", "/licenses/{license_id}/extend", {"until": until.isoformat(), "reason": "goodwill"}, **on
    )
    staff("POST", "/licenses/{license_id}/revoke", {"reason": "chargeback"}, **on)

    mails = sent_mail("alice@acme.example")[receipts:]
    subjects = [m.subject for m in mails]
    assert subjects == [
        "Your SEO Pro — Standard license is suspended",
        "Your SEO Pro — Standard license is active again",
        "Your SEO Pro — Standard license moved to new.acme.example",
        f"Your SEO Pro — Standard license now runs until {until:%Y-%m-%d}",
        "Your SEO Pro — Standard license was revoked",
    ]
    reasons = ["invoice unpaid", "payment received", "new shop", "goodwill", "chargeback"]
    assert all(f"Reason: {why}" in m.body for m, why in zip(mails, reasons, strict=True))
    with_key = [m for m in mails if "HDL1." in m.body]
    assert [m.subject for m in with_key] == subjects[2:4]  # the key changed only on transfer and extension
    assert moved["license"]["key"] in with_key[0].body
    assert extended.body["license"]["key"] in with_key[1].body
    assert [e["text"] for e in extended.body["history"][-4:]] == [
        "Suspended by Anna Petrova: invoice unpaid",
        "Resumed by Anna Petrova: payment received",
        "Transferred from shop.acme.example to new.acme.example by Anna Petrova: new shop",
        f"Renewed until {until:%d %b %Y} by Anna Petrova: goodwill",
    ]
