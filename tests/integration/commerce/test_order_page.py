"""Issue 22: the cabinet's order page has the order, its invoice and its licenses in one answer, for the
buyer and their colleagues; anyone else gets what an unknown order gets."""

from __future__ import annotations

import pytest
from helpdesk.bootstrap import container

from .conftest import cabinet
from .test_staff_license_routes import buy

pytestmark = pytest.mark.integration


def test_the_order_page_shows_the_order_its_invoice_and_licenses(shop) -> None:  # type: ignore[no-untyped-def]
    license_id = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    order_id = container().license_queries.detail(license_id).order_id

    page = cabinet("GET", "/orders/{order_id}", token="carol", order_id=order_id)
    assert page.status == 200, page.body
    assert page.body["order"]["id"] == order_id and page.body["order"]["label"].startswith("ORD-")
    assert [lic["id"] for lic in page.body["licenses"]] == [license_id]
    assert [i["order_id"] for i in page.body["invoices"]] == [order_id] and page.body["tasks"] == []

    foreign = cabinet("GET", "/orders/{order_id}", token="bob", order_id=order_id)
    unknown = cabinet("GET", "/orders/{order_id}", token="bob", order_id="co_nope")
    assert (foreign.status, foreign.body) == (unknown.status, unknown.body) and foreign.status == 404
