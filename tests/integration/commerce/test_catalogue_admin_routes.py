"""Issue 22: managers keep the catalogue through the staff API; the storefront and checkout follow it."""

from __future__ import annotations

from typing import Any

import pytest
from helpdesk.identity.model import Principal, Role

from .conftest import TOKENS, Answer, call, public

pytestmark = pytest.mark.integration

NEW_PRODUCT = {
    "slug": "seo-filters",
    "name": "SEO Filters",
    "summary": "Filter pages search engines index.",
    "description": "Landing pages for every filter combination.",
    "platforms": ["CS-Cart", "Multi-Vendor"],
    "platform_versions": ["4.17", "4.18"],
    "translations": {"ru": {"name": "SEO-фильтры", "summary": "Страницы фильтров", "description": "Текст"}},
    "editions": [
        {
            "id": "standard",
            "name": "Standard",
            "max_activations": 2,
            "prices": [
                {"plan": "lifetime", "currency": "EUR", "amount": 7900},
                {"plan": "yearly", "currency": "EUR", "amount": 3900},
            ],
        }
    ],
}


@pytest.fixture(autouse=True)
def staff_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(TOKENS, "dima", Principal("sub-dima", "dima@x.example", frozenset({Role.DEVELOPER})))


def staff(method: str, resource: str, body: Any = None, token: str = "anna", **kwargs: Any) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **kwargs)


def guest_checkout(slug: str = "seo-filters") -> Answer:
    cart = [{"product": slug, "edition": "standard", "plan": "lifetime", "domains": ["shop.gail.example"]}]
    return public("POST", "/checkout", {"items": cart, "email": "gail@guest.example", "currency": "EUR"})


def test_a_manager_adds_a_product_that_the_shop_lists_and_a_guest_can_buy(shop) -> None:  # type: ignore[no-untyped-def]
    made = staff("POST", "/products", NEW_PRODUCT)
    assert (made.status, made.body) == (201, {"slug": "seo-filters"})

    shown = public("GET", "/products/{slug}", slug="seo-filters").body
    assert shown["name"] == "SEO Filters" and shown["platforms"] == ["CS-Cart", "Multi-Vendor"]
    assert shown["translations"]["ru"]["name"] == "SEO-фильтры"
    [edition] = shown["editions"]
    assert edition["max_activations"] == 2
    assert {"plan": "yearly", "currency": "EUR", "amount": 3900} in edition["prices"]
    assert "seo-filters" in [p["slug"] for p in public("GET", "/products").body["items"]]
    assert guest_checkout().status == 200

    again = staff("POST", "/products", NEW_PRODUCT)
    assert (again.status, again.body["error"]) == (409, "conflict")
    assert staff("POST", "/products", NEW_PRODUCT | {"slug": "x2"}, token="alice").status == 403
    assert staff("POST", "/products", NEW_PRODUCT | {"slug": "x3"}, token="dima").status == 403
    assert staff("POST", "/products", NEW_PRODUCT | {"slug": "Bad Slug"}).status == 422
    assert staff("POST", "/products", NEW_PRODUCT | {"slug": "x4", "editions": []}).status == 422


def test_price_changes_are_audited_and_the_shop_sells_at_the_new_price(shop) -> None:  # type: ignore[no-untyped-def]
    staff("POST", "/products", NEW_PRODUCT)
    dearer = [{"plan": "lifetime", "currency": "EUR", "amount": 8900}]
    edition = NEW_PRODUCT["editions"][0] | {"prices": dearer}
    edited = staff("PUT", "/products/{slug}", NEW_PRODUCT | {"editions": [edition]}, slug="seo-filters")
    assert edited.status == 200 and edited.body["manager"] == "anna@helpdesk.localhost"

    history = staff("GET", "/products/{slug}/prices", slug="seo-filters").body["items"]
    changes = [(c["plan"], c["old"], c["new"]) for c in history]
    # the two prices the product was created with, then the edit: one changed, one removed
    assert ("lifetime", None, 7900) in changes and ("yearly", None, 3900) in changes
    assert sorted(changes[-2:]) == [("lifetime", 7900, 8900), ("yearly", 3900, None)]
    assert {c["changed_by"] for c in history} == {"anna@helpdesk.localhost"}
    [shown] = public("GET", "/products/{slug}", slug="seo-filters").body["editions"]
    assert shown["prices"] == [{"plan": "lifetime", "currency": "EUR", "amount": 8900}]
    assert staff("PUT", "/products/{slug}", NEW_PRODUCT, slug="nope").status == 404
    assert staff("GET", "/products/{slug}/prices", slug="nope").status == 404


def test_an_unpublished_product_leaves_the_shop_but_staff_still_see_it(shop) -> None:  # type: ignore[no-untyped-def]
    staff("POST", "/products", NEW_PRODUCT)
    assert staff("POST", "/products/{slug}/unpublish", slug="seo-filters").body["published"] is False

    assert public("GET", "/products/{slug}", slug="seo-filters").status == 404
    assert "seo-filters" not in [p["slug"] for p in public("GET", "/products").body["items"]]
    assert guest_checkout().status == 422
    listed = staff("GET", "/products").body["items"]
    assert [p["published"] for p in listed if p["slug"] == "seo-filters"] == [False]

    staff("POST", "/products/{slug}/publish", slug="seo-filters")
    assert public("GET", "/products/{slug}", slug="seo-filters").status == 200
    assert guest_checkout().status == 200
