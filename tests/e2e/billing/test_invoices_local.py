"""On the local stack: a paid checkout becomes one tax invoice, listed in the cabinet, downloadable."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.commerce.test_commerce_local import api, id_token, pay
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def fetch(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - the emulator's presigned URL
        return answer.status, answer.headers.get("Content-Type", ""), answer.read().decode()


def test_a_paid_order_is_invoiced_once_and_the_invoice_downloads(local: LocalProcess) -> None:
    alice, bob, anna = (
        id_token(local, e) for e in ("alice@acme.example", "bob@globex.example", "anna@helpdesk.localhost")
    )
    cart = {
        "items": [
            {"product": "seo-pro", "edition": "pro", "plan": "yearly", "domains": ["inv.acme.example"]}
        ],
        "currency": "USD",
        "name": "Alice Acme",
        "company": "Acme GmbH",
        "country": "AT",
        "vat_id": "ATU12345678",
        "address": ["Ring 1", "1010 Wien"],
    }
    status, started = api(local, "shop", "POST", "/checkout", alice, cart)
    assert status == 200, started
    checkout_id = parse_qs(urlsplit(started["checkout_url"]).query)["checkout"][0]
    assert pay(local, started["checkout_url"]).endswith("/#/thanks")
    pay(local, started["checkout_url"])  # pressed twice: still one invoice

    status, listed = api(local, "cabinet", "GET", "/invoices", alice)
    assert status == 200
    mine = [i for i in listed["items"] if i["order_id"] == checkout_id]
    assert len(mine) == 1, listed
    invoice = mine[0]
    assert re.fullmatch(r"INV-\d{4}-\d{6}", invoice["number"]) and invoice["kind"] == "invoice"
    assert (invoice["currency"], invoice["tax"], invoice["tax_treatment"]) == ("USD", 0, "reverse_charge")
    assert invoice["accounting_currency"] == "EUR" and 0 < invoice["accounting_total"] < invoice["total"]

    status, link = api(local, "cabinet", "GET", invoice["download"], alice)
    assert status == 200, link
    status, content_type, html = fetch(link["url"])
    assert status == 200 and content_type.startswith("text/html")
    for text in (invoice["number"], "Acme GmbH", "ATU12345678", "1010 Wien", "Reverse charge", checkout_id):
        assert text in html, text

    assert api(local, "cabinet", "GET", invoice["download"], bob)[0] == 404
    status, staff_link = api(local, "console", "GET", invoice["download"], anna)
    assert status == 200 and fetch(staff_link["url"])[0] == 200
