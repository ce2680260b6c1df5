"""The local payment page as a customer uses it over HTTP: open it, choose a test card, press Pay."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

from tests.support.local_process import LocalProcess

VISA, FAILS_LATER, DECLINED = "4242424242424242", "4000000000000341", "4000000000000002"


def pay_with(local: LocalProcess, payment_url: str, card: str = VISA) -> tuple[int, str]:
    """(status, where the browser is sent) after pressing Pay with `card`."""
    parts = urlsplit(payment_url)
    assert parts.hostname == "pay.localhost"
    status, _, raw = local.request("pay", "GET", f"{parts.path}?{parts.query}")
    page = raw.decode()
    assert status == 200 and "id='pay'" in page
    assert f"value='{card}'" in page  # a card-saving session offers Stripe's test cards
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page)) | {"card": card}
    action = re.search(r"action='([^']+)'", page).group(1)  # type: ignore[union-attr]
    status, headers, _ = local.request(
        "pay", "POST", action, urlencode(form).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    )
    return status, {k.lower(): v for k, v in headers.items()}.get("location", "")


def buy_monthly(local: LocalProcess, token: str, domain: str, card: str = VISA) -> str:
    """Check out SEO Pro monthly in the shop, pay it; returns the order (checkout) id."""
    cart = {
        "items": [{"product": "seo-pro", "edition": "pro", "plan": "monthly", "domains": [domain]}],
        "currency": "EUR",
    }
    status, started = local.api("shop", "POST", "/checkout", token, cart)
    assert status == 200, started
    status, location = pay_with(local, started["checkout_url"], card)
    assert status == 303 and location.endswith("/#/thanks"), (status, location)
    return str(dict(p.split("=", 1) for p in urlsplit(started["checkout_url"]).query.split("&"))["checkout"])


def license_of(local: LocalProcess, token: str, order_id: str) -> dict[str, object]:
    status, found = local.api("cabinet", "GET", "/licenses", token)
    assert status == 200
    [license] = [lic for lic in found["items"] if lic["order_id"] == order_id]
    return dict(license)
