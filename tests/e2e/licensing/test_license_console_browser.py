"""Chromium on the local stack: a manager revokes one license and extends another in the console; the module's
validation answers revoked, the new end shows; the customer's cabinet lists both with their renewal dates."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.commerce.test_commerce_local import pay
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def buy_yearly(local: LocalProcess, token: str, domain: str) -> dict[str, Any]:
    cart = {
        "items": [{"product": "seo-pro", "edition": "standard", "plan": "yearly", "domains": [domain]}],
        "currency": "EUR",
    }
    status, started = local.api("shop", "POST", "/checkout", token, cart)
    assert status == 200, started
    checkout_id = parse_qs(urlsplit(started["checkout_url"]).query)["checkout"][0]
    pay(local, started["checkout_url"])

    def issued() -> dict[str, Any] | None:
        items = local.api("cabinet", "GET", "/licenses", token)[1]["items"]
        return next((lic for lic in items if lic["order_id"] == checkout_id), None)

    return local.wait_for(issued)  # type: ignore[no-any-return]


def validate(local: LocalProcess, license: dict[str, Any]) -> dict[str, Any]:
    check = {"key": license["key"], "product": "seo-pro", "domain": license["domains"][0]}
    return local.json("shop", "POST", "/api/licenses/validate", check)[1]  # type: ignore[no-any-return]


def test_manager_revokes_and_extends_in_the_console_and_the_cabinet_shows_them(
    local: LocalProcess,
    chromium: Any,
) -> None:
    alice = local.token("alice@acme.example")
    doomed = buy_yearly(local, alice, "revoke.acme.example")
    kept = buy_yearly(local, alice, "extend.acme.example")
    assert validate(local, doomed)["result"] == "valid"
    site = lambda host, path="/": f"http://{host}.localhost:{local.http_port}/#{path}"  # noqa: E731

    staff = chromium.new_context(viewport={"width": 1280, "height": 900})
    console = staff.new_page()
    console.goto(site("console"))
    sign_in(console, "anna@helpdesk.localhost")
    console.wait_for_selector(".list-row, .state")
    console.get_by_role("link", name="Licenses").click()
    console.wait_for_selector("section[aria-labelledby=find-title] tbody tr")
    console.get_by_label("Shop domain").fill("revoke.acme.example")
    console.get_by_role("button", name="Find").click()
    # The list still shows both licenses until the search answers: wait for the one row, then open it.
    console.wait_for_function(
        "() => document.querySelectorAll('section[aria-labelledby=find-title] tbody tr').length === 1"
    )
    console.get_by_role("link", name="SEO Pro — Standard").click()
    console.wait_for_selector(".license-key")
    console.locator("#act-revoke-reason").fill("refunded by phone")
    console.get_by_role("button", name="Revoke…").click()
    console.get_by_role("dialog").get_by_role("button", name="Revoke license").click()
    console.wait_for_selector("#lic-state >> text=Revoked")
    assert "refunded by phone" in console.inner_text("main")
    history = console.inner_text(".history")  # the local sign-in may give a name claim or only the address
    assert "Revoked by " in history and ": refunded by phone" in history
    answer = validate(local, doomed)
    assert (answer["result"], answer["state"]) == ("invalid", "revoked")

    old_end = datetime.fromisoformat(kept["expires"])
    new_end = (old_end + timedelta(days=45)).date()
    console.goto(site("console", f"/licenses/{kept['id']}"))
    console.wait_for_selector(".license-key")
    console.get_by_label("New end date").fill(new_end.isoformat())
    console.get_by_role("button", name="Extend").click()
    console.wait_for_function(
        "year => document.getElementById('lic-expires').textContent.includes(year)", arg=str(new_end.year)
    )
    page = local.api("console", "GET", f"/licenses/{kept['id']}", local.token("anna@helpdesk.localhost"))[1]
    assert page["license"]["expires"].startswith(new_end.isoformat())
    assert page["renewal"]["renews_on"].startswith(new_end.isoformat())
    assert validate(local, kept)["expires"].startswith(new_end.isoformat())
    console.wait_for_selector(".toast", state="detached")
    SHOTS.mkdir(parents=True, exist_ok=True)
    console.screenshot(path=str(SHOTS / "console-license-local-1280.png"), full_page=True)
    staff.close()

    customer = chromium.new_context(viewport={"width": 390, "height": 844})
    cabinet = customer.new_page()
    cabinet.goto(site("cabinet"))
    sign_in(cabinet, "alice@acme.example")
    cabinet.wait_for_selector("#nav:not([hidden])")
    cabinet.goto(site("cabinet", "/licenses"))
    cabinet.wait_for_selector("text=extend.acme.example")
    revoked = cabinet.locator(".license-card", has_text="revoke.acme.example")
    extended = cabinet.locator(".license-card", has_text="extend.acme.example")
    assert "the key no longer works" in revoked.inner_text() and "days left" not in revoked.inner_text()
    assert revoked.get_by_role("button", name="Renew").count() == 0
    mine = {lic["id"]: lic for lic in local.api("cabinet", "GET", "/licenses", alice)[1]["items"]}
    assert f"{mine[kept['id']]['days_left']} days left" in extended.inner_text()
    cabinet.screenshot(path=str(SHOTS / "cabinet-licenses-local-390.png"), full_page=True)
    customer.close()
