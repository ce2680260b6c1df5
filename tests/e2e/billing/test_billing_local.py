"""Renewing a license from the cabinet on the local stack: the cabinet's route, the local payment page,
the signed webhooks, and the license running one term longer."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpdesk.kernel.calendar import MONTH

from tests.e2e.billing_pages import DECLINED, buy_monthly, license_of, pay_with
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def test_a_customer_renews_from_the_cabinet_and_the_license_runs_a_term_longer(local: LocalProcess) -> None:
    alice, bob = local.token("alice@acme.example"), local.token("bob@globex.example")
    order = buy_monthly(local, alice, "renew.acme.example")
    license = license_of(local, alice, order)
    expires = datetime.fromisoformat(str(license["expires"]))
    issued = datetime.fromisoformat(str(license["issued"]))

    path = f"/licenses/{license['id']}/renew"
    assert local.api("cabinet", "POST", path, bob)[0] == 404  # another organisation's license
    status, session = local.api("cabinet", "POST", path, alice, {})
    assert status == 200 and session["url"].startswith(f"http://pay.localhost:{local.http_port}/")

    assert pay_with(local, session["url"], DECLINED)[0] == 402  # declined: nothing happens
    assert license_of(local, alice, order)["expires"] == license["expires"]
    status, location = pay_with(local, session["url"])
    assert status == 303 and location.startswith(f"http://cabinet.localhost:{local.http_port}/#/licenses")
    pay_with(local, session["url"])  # pressed twice: the same events again

    renewed = license_of(local, alice, order)
    assert datetime.fromisoformat(str(renewed["expires"])) == MONTH.next_end(expires, issued)
    assert renewed["key"] != license["key"]  # the key carries the new end
    for key in (license["key"], renewed["key"]):  # the serial stays: the customer's old key keeps working
        body = {"key": key, "product": "seo-pro", "domain": "renew.acme.example"}
        status, answer = local.json("api", "POST", "/public/licenses/validate", body)
        assert status == 200 and answer["expires"] == renewed["expires"], answer
    orders = local.api("cabinet", "GET", "/orders", alice)[1]["items"]
    renewal_orders = [o for o in orders if o["id"].startswith(f"rn_{license['id']}_")]
    assert len(renewal_orders) == 1 and renewal_orders[0]["license_ids"] == [license["id"]]
    [item] = renewal_orders[0]["items"]
    assert item["renews"] == license["id"] and item["renew_until"] == renewed["expires"]
    invoices = local.api("cabinet", "GET", "/invoices", alice)[1]["items"]
    assert [i["order_id"] for i in invoices].count(renewal_orders[0]["id"]) == 1  # one tax invoice
