"""The local payment page in setup mode (issue 22): it charges nothing, posts the two events Stripe sends for
a card saved by Checkout in setup mode, and a declined card sends none."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest
from helpdesk.commerce.model.orders import Checkout
from helpdesk_local.pay_host import PayPage

pytestmark = pytest.mark.unit
SETUP = Checkout("su_1", "ann@example.com", "", (), datetime(2026, 12, 7, tzinfo=UTC))
BACK = "http://cabinet.localhost/#/licenses?card=saved"


def page(posted: list[dict[str, Any]]) -> PayPage:
    def post(body: bytes, signature: str) -> int:
        posted.append(json.loads(body))
        return 200

    return PayPage(
        lambda _: SETUP,
        lambda: "whsec_local",
        lambda: ("http://shop.localhost", "http://cabinet.localhost"),
        post,
    )


def call(app: PayPage, method: str, path: str, form: dict[str, str] | None = None) -> tuple[str, str]:
    data = urlencode(form or {}).encode()
    seen: list[str] = []
    where, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": where, "QUERY_STRING": query,
               "CONTENT_LENGTH": str(len(data)), "wsgi.input": io.BytesIO(data)}  # fmt: skip
    body = b"".join(app(environ, lambda status, headers: seen.append(status)))
    return seen[0], body.decode()


def test_the_setup_page_saves_the_chosen_card_and_charges_nothing() -> None:
    posted: list[dict[str, Any]] = []
    app = page(posted)
    status, shown = call(
        app, "GET", f"/cs_1?{urlencode({'checkout': 'su_1', 'success': BACK, 'customer': 'cus_1'})}"
    )
    assert (
        status == "200 OK" and "id='setup'" in shown and "id='total'" not in shown and ">Save card<" in shown
    )

    form = {
        "checkout": "su_1",
        "success": BACK,
        "cancel": BACK,
        "customer": "cus_1",
        "card": "4000000000000341",
    }
    assert call(app, "POST", "/cs_1/pay", form)[0] == "303 See Other"
    [completed, saved] = posted
    assert completed["data"]["object"]["mode"] == "setup"
    assert completed["data"]["object"]["payment_status"] == "no_payment_required"
    assert saved["type"] == "setup_intent.succeeded"
    assert saved["data"]["object"]["payment_method"] == "pm_card_chargeCustomerFail"
    assert saved["data"]["object"]["metadata"] == {"checkout_id": "su_1"}

    posted.clear()
    declined = call(app, "POST", "/cs_1/pay", {**form, "card": "4000000000000002"})
    assert declined[0] == "402 Payment Required" and posted == []
