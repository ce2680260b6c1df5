"""Issue 22: sales made on the CS-Cart marketplace become licenses from its order export, once."""

from __future__ import annotations

from typing import Any

import pytest
from helpdesk.bootstrap import container

from .conftest import Answer, call, public, sent_mail
from .test_catalogue_admin_routes import NEW_PRODUCT

pytestmark = pytest.mark.integration
EXPORT = (
    "\ufeffOrder ID,Date,E-mail,Customer,Product code,Edition,Domain,Quantity,Total\n"
    "5001,2026-11-30 14:05,Ivan@Romashka.test,Ivan Petrov,seo-filters,standard,www.romashka.test,1,79.00\n"
    "5002,2026-12-01 09:00,olga@lavka.test,Olga,seo-filters,,lavka.test,2,158.00\n"
    "5003,2026-12-01 10:00,not-an-address,X,seo-filters,,x.test,1,79.00\n"
    "5004,2026-12-01 11:00,max@x.test,Max,no-such-module,,x.test,1,79.00\n"
)


def staff(method: str, resource: str, body: Any = None, token: str = "anna", **kwargs: Any) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **kwargs)


def test_the_export_issues_licenses_with_keys_once_and_reports_what_it_could_not_read(shop) -> None:  # type: ignore[no-untyped-def]
    staff("POST", "/products", NEW_PRODUCT)
    first = staff("POST", "/marketplace/cscart/imports", {"csv": EXPORT})
    assert first.status == 200
    assert first.body["issued"] == ["mp-5001-1-1", "mp-5002-1-1", "mp-5002-1-2"]
    assert first.body["already"] == []
    assert first.body["problems"][0]["row"] == 4  # the bad address, numbered as a spreadsheet numbers it
    assert any("no-such-module" in p["reason"] for p in first.body["problems"])

    again = staff("POST", "/marketplace/cscart/imports", {"csv": EXPORT})
    assert again.body["issued"] == [] and again.body["already"] == first.body["issued"]
    [mail] = sent_mail("ivan@romashka.test")  # one key mail, not one per import
    ivan = container().license_queries.detail("mp-5001-1-1")
    assert ivan.key in mail.body and "SEO Filters" in mail.subject
    assert list(ivan.domains) == ["romashka.test"] and ivan.max_activations == 2
    check = {"key": ivan.key, "product": "seo-filters", "domain": "romashka.test"}
    assert public("POST", "/licenses/validate", check).body["result"] == "valid"

    assert staff("POST", "/marketplace/cscart/imports", {"csv": EXPORT}, token="alice").status == 403
    assert staff("POST", "/marketplace/cscart/imports", {"csv": "a,b\n1,2\n"}).status == 422
