"""Issue 22: in the cabinet a holder sees a license's activations, frees one, and moves the license to another
domain twice a year; the old key stops validating, the new one works; others get what an unknown id gets."""

from __future__ import annotations

import pytest
from helpdesk.bootstrap import container

from .conftest import cabinet, public
from .test_staff_license_routes import buy

pytestmark = pytest.mark.integration


def check(license_id: str, domain: str, action: str = "validate", key: str | None = None) -> str:
    key = key or container().license_queries.detail(license_id).key
    answer = public("POST", f"/licenses/{action}", {"key": key, "product": "seo-pro", "domain": domain})
    assert answer.status == 200, answer.body
    return f"{answer.body['result']}:{answer.body['reason']}"


def test_activations_are_listed_and_one_is_freed(shop) -> None:  # type: ignore[no-untyped-def]
    mine = buy("alice", "seo-pro", "pro", "yearly", "shop.acme.example")  # several activations
    assert check(mine, "shop.acme.example", "activate") == "valid:"
    assert check(mine, "staging.shop.acme.example", "activate") == "valid:"

    seen = cabinet("GET", "/licenses/{license_id}/activations", token="carol", license_id=mine)
    assert seen.status == 200 and seen.body["moves_left"] == 2
    assert sorted(a["host"] for a in seen.body["activations"]) == [
        "shop.acme.example",
        "staging.shop.acme.example",
    ]
    freed = cabinet("POST", "/licenses/{license_id}/deactivate", {"host": "staging.shop.acme.example"},
                    token="alice", license_id=mine)  # fmt: skip
    assert [a["host"] for a in freed.body["activations"]] == ["shop.acme.example"]
    again = cabinet("POST", "/licenses/{license_id}/deactivate", {"host": "staging.shop.acme.example"},
                    token="alice", license_id=mine)  # fmt: skip
    assert again.status == 404

    foreign = cabinet("GET", "/licenses/{license_id}/activations", token="bob", license_id=mine)
    unknown = cabinet("GET", "/licenses/{license_id}/activations", token="bob", license_id="nope-1")
    assert (foreign.status, foreign.body) == (unknown.status, unknown.body) == (404, unknown.body)
    assert cabinet("POST", "/licenses/{license_id}/deactivate", {"host": "shop.acme.example"}, token="bob",
                   license_id=mine).status == 404  # fmt: skip


def test_a_license_moves_to_another_domain_twice_a_year(shop) -> None:  # type: ignore[no-untyped-def]
    mine = buy("alice", "seo-pro", "standard", "yearly", "old.acme.example")
    old_key = container().license_queries.detail(mine).key
    check(mine, "old.acme.example", "activate")

    move = {"old_domain": "old.acme.example", "new_domain": "new.acme.example"}
    moved = cabinet("POST", "/licenses/{license_id}/move", move, token="alice", license_id=mine)
    assert moved.status == 200 and moved.body["domains"] == ["new.acme.example"]
    assert check(mine, "new.acme.example", key=moved.body["key"]) == "valid:"
    assert check(mine, "old.acme.example", key=old_key).startswith("invalid:")
    left = cabinet("GET", "/licenses/{license_id}/activations", token="alice", license_id=mine).body
    assert left["activations"] == [] and left["moves_left"] == 1

    back = {"old_domain": "new.acme.example", "new_domain": "old.acme.example"}
    assert cabinet("POST", "/licenses/{license_id}/move", back, token="alice", license_id=mine).status == 200
    third = cabinet("POST", "/licenses/{license_id}/move", move, token="alice", license_id=mine)
    assert third.status == 409 and "2 times a year" in third.body["detail"]
    assert cabinet("POST", "/licenses/{license_id}/move", move, token="bob", license_id=mine).status == 404


def test_a_subscription_is_cancelled_at_period_end_and_resumed(shop) -> None:  # type: ignore[no-untyped-def]
    mine = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    lifetime = buy("alice", "backup", "basic", "lifetime", "backup.acme.example")
    ends = container().license_queries.detail(mine).expires

    cancelled = cabinet("POST", "/licenses/{license_id}/cancel", token="carol", license_id=mine)
    assert cancelled.body == {
        "license_id": mine,
        "renews": False,
        "ends": ends.isoformat().replace("+00:00", "Z"),
    }
    [shown] = [x for x in cabinet("GET", "/licenses", token="alice").body["items"] if x["id"] == mine]
    assert shown["renewal_cancelled"] is True and shown["automatic"] is False and shown["state"] == "active"
    assert check(mine, "shop.acme.example") == "valid:"  # it runs to the period's end

    assert cabinet("POST", "/licenses/{license_id}/resume-renewal", token="alice", license_id=mine).body[
        "renews"
    ]
    assert cabinet("POST", "/licenses/{license_id}/cancel", token="alice", license_id=lifetime).status == 422
    assert cabinet("POST", "/licenses/{license_id}/cancel", token="bob", license_id=mine).status == 404


def test_a_holder_upgrades_a_license_to_a_higher_edition_by_paying_the_difference(shop) -> None:  # type: ignore[no-untyped-def]
    from helpdesk.commerce.adapters.stripe_local import session_completed_event, signed_webhook

    from .conftest import checkout_of

    mine = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    started = cabinet(
        "POST", "/licenses/{license_id}/upgrade", {"edition": "pro"}, token="carol", license_id=mine
    )
    assert started.status == 200 and started.body["url"]
    session_id, checkout_id = checkout_of(started.body["url"])
    checkout = container().checkout_store.get_checkout(checkout_id)
    [line] = checkout.lines
    assert line.upgrade_of == mine and line.offer.edition == "pro"
    body, signature = signed_webhook(
        session_completed_event(checkout, session_id, f"pi_{session_id}"),
        container().settings.local_stripe_webhook_secret,
    )
    public("POST", "/webhooks/stripe", body.decode(), headers={"Stripe-Signature": signature})
    assert container().license_queries.detail(mine).edition == "pro"

    assert (
        cabinet(
            "POST", "/licenses/{license_id}/upgrade", {"edition": "pro"}, token="bob", license_id=mine
        ).status
        == 404
    )
    same = cabinet(
        "POST", "/licenses/{license_id}/upgrade", {"edition": "pro"}, token="alice", license_id=mine
    )
    assert same.status == 422  # already that edition
