"""Issue 22: a manager uploads releases; license holders download what their updates period covers, from
the cabinet and by key (the receipt's link); installed modules ask the update check. Every link is logged."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import session_completed_event, signed_webhook
from helpdesk.kernel.clock import FixedClock
from helpdesk.licensing.model.update_answer import verify_update

from .conftest import Answer, cabinet, call, checkout_of, public, sent_mail
from .test_catalogue_admin_routes import NEW_PRODUCT

pytestmark = pytest.mark.integration
ZIP = b"PK\x03\x04 a module release"


def staff(method: str, resource: str, body: Any = None, token: str = "anna", **kwargs: Any) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **kwargs)


def release(version: str, upload: bool = True) -> str:
    body = {"version": version, "changelog": f"What {version} brings", "min_platform_version": "4.17"}
    made = staff("POST", "/products/{slug}/releases", body, slug="seo-filters")
    assert made.status == 201 and made.body["upload_url"].startswith("http")
    if upload:
        assert (
            requests.put(made.body["upload_url"], data=ZIP + version.encode(), timeout=10).status_code == 200
        )
    return str(made.body["release_id"])


def buy(token: str | None, domain: str, email: str | None = None) -> str:
    """Pay for SEO Filters through the signed webhook; returns the license id."""
    cart = [{"product": "seo-filters", "edition": "standard", "plan": "lifetime", "domains": [domain]}]
    body = {"items": cart, "currency": "EUR"} | ({"email": email} if email else {})
    answer = public("POST", "/checkout", body, **({"token": token} if token else {}))
    session_id, checkout_id = checkout_of(answer.body["checkout_url"])
    checkout = container().checkout_store.get_checkout(checkout_id)
    payload, signature = signed_webhook(
        session_completed_event(checkout, session_id, f"pi_{session_id}"),
        container().settings.local_stripe_webhook_secret,
    )
    public("POST", "/webhooks/stripe", payload.decode(), headers={"Stripe-Signature": signature})
    return container().license_queries.for_order(checkout_id)[0].id


def key_of(license_id: str) -> str:
    return container().license_queries.detail(license_id).key


def public_keys() -> dict[str, bytes]:
    keys = public("GET", "/licenses/pubkey").body["keys"]
    return {k: base64.b64decode(v) for k, v in keys.items()}


def test_holders_download_entitled_releases_and_others_get_what_an_unknown_id_gets(shop) -> None:  # type: ignore[no-untyped-def]
    assert staff("POST", "/products", NEW_PRODUCT).status == 201
    release("1.0")
    release("1.1", upload=False)  # registered, its zip never arrived: not offered
    mine = buy("alice", "shop.acme.example")

    downloads = cabinet("GET", "/licenses/{license_id}/downloads", token="alice", license_id=mine)
    assert downloads.status == 200 and [d["version"] for d in downloads.body] == ["1.0"]
    fetched = requests.get(downloads.body[0]["url"], timeout=10)
    assert fetched.content == ZIP + b"1.0" and "seo-filters-1.0.zip" in fetched.headers["Content-Disposition"]
    assert cabinet("GET", "/licenses/{license_id}/downloads", token="carol", license_id=mine).status == 200

    foreign = cabinet("GET", "/licenses/{license_id}/downloads", token="bob", license_id=mine)
    unknown = cabinet("GET", "/licenses/{license_id}/downloads", token="bob", license_id="co_nope-1")
    assert (foreign.status, foreign.body) == (unknown.status, unknown.body) and foreign.status == 404
    assert cabinet("GET", "/licenses/{license_id}/downloads", token="anna", license_id=mine).status == 403
    assert cabinet("GET", "/licenses/{license_id}/downloads", license_id=mine).status == 401

    logged = container().releases.download_log(mine)
    assert [(d.version, d.by) for d in logged] == [
        ("1.0", "alice@acme.example"),
        ("1.0", "carol@acme.example"),
    ]


def test_a_guest_downloads_by_the_receipt_link_and_the_update_period_bounds_what_is_offered(shop) -> None:  # type: ignore[no-untyped-def]
    clock = container().clock = FixedClock(datetime.now(UTC))  # set before the services take it
    staff("POST", "/products", NEW_PRODUCT)
    release("1.0")
    guest = buy(None, "shop.gail.example", email="gail@guest.example")
    key = key_of(guest)
    [receipt] = sent_mail("gail@guest.example")
    shop_url = container().settings.shop_url.rstrip("/")
    assert f"Download: {shop_url}/#/downloads/{key}\r\n" in receipt.body

    by_key = public("POST", "/downloads", {"license_key": key})
    assert by_key.status == 200 and [d["version"] for d in by_key.body] == ["1.0"]
    assert public("POST", "/downloads", {"license_key": key[:-4] + "AAAA"}).status == 404

    # A year of updates: a release after the period ends is not this license's.
    until = container().license_queries.detail(guest).updates_until
    assert until is not None
    clock.current = until + timedelta(days=1)
    release("2.0")
    assert [d["version"] for d in public("POST", "/downloads", {"license_key": key}).body] == ["1.0"]


def test_the_update_check_offers_the_newest_entitled_version_signed(shop) -> None:  # type: ignore[no-untyped-def]
    staff("POST", "/products", NEW_PRODUCT)
    release("1.0")
    key = key_of(buy("alice", "shop.acme.example"))
    release("1.1")
    ask = {"license_key": key, "domain": "www.shop.acme.example", "current_version": "1.0", "nonce": "n-1"}

    answer = public("POST", "/updates/check", ask).body
    assert (answer["result"], answer["version"], answer["changelog"]) == ("update", "1.1", "What 1.1 brings")
    assert requests.get(answer["download_url"], timeout=10).content == ZIP + b"1.1"
    claims = verify_update(answer["token"], public_keys(), nonce="n-1", domain="shop.acme.example")
    assert (claims["result"], claims["version"], claims["download_url"]) == (
        "update",
        "1.1",
        answer["download_url"],
    )

    current = public("POST", "/updates/check", ask | {"current_version": "1.1"}).body
    assert (current["result"], current["version"], current["download_url"]) == ("current", "1.1", "")
    elsewhere = public("POST", "/updates/check", ask | {"domain": "other.example"}).body
    assert (elsewhere["result"], elsewhere["reason"], elsewhere["download_url"]) == (
        "invalid",
        "wrong_domain",
        "",
    )
    assert verify_update(elsewhere["token"], public_keys())["result"] == "invalid"
    assert public("POST", "/updates/check", ask | {"current_version": "one"}).status == 422
