"""Attacks by id: another organisation's license answers exactly as an unknown id does, and only the
license's organisation may buy its upgrade (checked when the checkout starts and again when it is paid)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import session_completed_event, signed_webhook
from helpdesk.identity.model import Principal, Role

from .conftest import TOKENS, Answer, call, checkout_of, public, sent_mail
from .test_staff_license_routes import buy

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def customer_without_organisation(monkeypatch: pytest.MonkeyPatch) -> None:
    solo = Principal("sub-solo", "solo@example.com", frozenset({Role.CUSTOMER}))
    monkeypatch.setitem(TOKENS, "solo", solo)


def upgrade(license_id: str, token: str | None) -> Answer:
    line = {"product": "seo-pro", "edition": "pro", "domains": ["x.example"], "upgrade_of": license_id}
    return public("POST", "/checkout", {"items": [line], "email": "mallory@evil.example"}, token=token)


def pay(checkout_url: str) -> str:
    session_id, checkout_id = checkout_of(checkout_url)
    checkout = container().checkout_store.get_checkout(checkout_id)
    body, signature = signed_webhook(
        session_completed_event(checkout, session_id, f"pi_{session_id}"),
        container().settings.local_stripe_webhook_secret,
    )
    answer = public("POST", "/webhooks/stripe", body.decode(), headers={"Stripe-Signature": signature})
    assert answer.status == 200, answer.body
    return str(answer.body["outcome"])


def same(a: Answer, b: Answer) -> tuple[int, Any]:
    assert (a.status, a.body) == (b.status, b.body)
    return a.status, a.body


def test_a_stranger_cannot_upgrade_another_organisations_license_nor_learn_it_exists(shop) -> None:  # type: ignore[no-untyped-def]
    victim = buy("alice", "seo-pro", "standard", "lifetime", "shop.acme.example")
    key = container().license_queries.detail(victim).key
    assert same(upgrade(victim, "bob"), upgrade("lic-no-such", "bob"))[0] == 404
    assert same(upgrade(victim, None), upgrade("lic-no-such", None))[0] in (401, 403, 404)
    assert same(upgrade(victim, "solo"), upgrade("lic-no-such", "solo"))[0] in (403, 404)
    license = container().license_repository.get(victim)
    assert license.edition == "standard" and container().license_queries.detail(victim).key == key
    assert sent_mail("mallory@evil.example") == [] and sent_mail("bob@globex.example") == []


def test_a_colleague_upgrades_the_organisations_license_and_gets_the_key(shop) -> None:  # type: ignore[no-untyped-def]
    license_id = buy("alice", "seo-pro", "standard", "lifetime", "shop.acme.example")
    started = upgrade(license_id, "carol")
    assert started.status == 200, started.body
    assert pay(started.body["checkout_url"]) == "fulfilled"
    assert container().license_repository.get(license_id).edition == "pro"
    assert len(sent_mail("carol@acme.example")) == 1


def test_an_upgrade_is_not_applied_when_the_license_changed_hands_before_payment(shop) -> None:  # type: ignore[no-untyped-def]
    license_id = buy("alice", "seo-pro", "standard", "lifetime", "shop.acme.example")
    started = upgrade(license_id, "alice")
    assert started.status == 200, started.body
    repository = container().license_repository
    moved = replace(repository.get(license_id), organisation_id="org-globex", customer_id="cus-someone")
    repository.save(moved)
    assert pay(started.body["checkout_url"]) == "upgrade_refused"
    assert repository.get(license_id).edition == "standard"
    assert len(sent_mail("alice@acme.example")) == 1  # the first purchase's receipt only


def test_a_foreign_license_renewal_answers_as_an_unknown_one(shop) -> None:  # type: ignore[no-untyped-def]
    license_id = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")

    def renew(lid: str) -> Answer:
        return call("CabinetApiFunction", "POST", "/licenses/{license_id}/renew", token="bob", license_id=lid)

    assert same(renew(license_id), renew("lic-no-such"))[0] == 404
