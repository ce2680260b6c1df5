"""Buying a subscription through the public API and delivering the webhooks the local payment page sends."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import card_saved_event, session_completed_event, signed_webhook

from tests.support.template_stack import REGION

from .conftest import public

MONTHLY = {
    "items": [{"product": "seo-pro", "edition": "pro", "plan": "monthly", "domains": ["shop.acme.example"]}],
    "currency": "USD",
}
VISA, FAILS_LATER = "pm_card_visa", "pm_card_chargeCustomerFail"


class Payment:
    """One payment session on the local page: its checkout, its Stripe customer and its two webhooks."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        self.session_id, self.checkout_id = parts.path.strip("/"), query["checkout"][0]
        self.customer = query.get("customer", [""])[0]

    def completed(self, event_id: str = "") -> tuple[bytes, str]:
        checkout = container().checkout_store.get_checkout(self.checkout_id)
        event = session_completed_event(
            checkout,
            self.session_id,
            f"pi_{self.session_id}",
            event_id or f"evt_{self.session_id}",
            customer=self.customer or None,
        )
        return signed_webhook(event, container().settings.local_stripe_webhook_secret)

    def card_saved(self, method: str = VISA) -> tuple[bytes, str]:
        checkout = container().checkout_store.get_checkout(self.checkout_id)
        intent = f"pi_{self.session_id}"
        event = card_saved_event(checkout, intent, self.customer, method, f"evt_pi_{self.session_id}")
        return signed_webhook(event, container().settings.local_stripe_webhook_secret)


def buy(token: str = "alice", cart: dict[str, Any] | None = None) -> Payment:
    answer = public("POST", "/checkout", cart or MONTHLY, token=token)
    assert answer.status == 200, answer.body
    return Payment(answer.body["checkout_url"])


def deliver(webhook: tuple[bytes, str]) -> str:
    body, signature = webhook
    answer = public("POST", "/webhooks/stripe", body.decode(), headers={"Stripe-Signature": signature})
    assert answer.status == 200, answer.body
    return str(answer.body["outcome"])


def executions() -> list[str]:
    """The lifecycle executions started so far (moto records them; this fixture does not run them)."""
    import boto3

    sfn = boto3.client("stepfunctions", region_name=REGION)
    arn = container().settings.license_lifecycle_arn
    return sorted(e["name"] for e in sfn.list_executions(stateMachineArn=arn)["executions"])
