"""A correctly signed webhook whose body is not a Stripe event answers 400 and changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpdesk.bootstrap import container
from helpdesk.commerce.adapters.stripe_local import stripe_signature

from .conftest import public

pytestmark = pytest.mark.integration
SESSION = "checkout.session.completed"
MALFORMED: list[Any] = [
    [{"id": "evt_1", "type": SESSION}],
    "checkout.session.completed",
    42,
    None,
    {},
    {"id": "evt_2", "type": SESSION},
    {"id": "evt_3", "type": SESSION, "data": []},
    {"id": "evt_4", "type": SESSION, "data": {"object": "cs_1"}},
    {"id": "evt_5", "type": SESSION, "data": {"object": {"payment_status": "paid"}}},
    {"id": "evt_6", "type": SESSION, "data": {"object": {"id": 7, "metadata": ["x"]}}},
    {"id": "evt_7", "type": "charge.refunded", "data": {"object": {"refunded": True, "payment_intent": {}}}},
    {"id": 8, "type": "charge.refunded", "data": {"object": {}}},
]


def post_signed(raw: bytes) -> tuple[int, Any]:
    signature = stripe_signature(raw, container().settings.local_stripe_webhook_secret)
    answer = public("POST", "/webhooks/stripe", raw.decode(), headers={"Stripe-Signature": signature})
    return answer.status, answer.body


@pytest.mark.parametrize("body", MALFORMED, ids=lambda b: json.dumps(b)[:40])
def test_a_signed_body_that_is_not_an_event_answers_400(shop, body: Any) -> None:  # type: ignore[no-untyped-def]
    status, answer = post_signed(json.dumps(body).encode())
    assert status == 400, answer
    assert answer["error"] == "malformed" and "stripe event" in answer["detail"]
    assert not container().checkout_store.event_processed("evt_2")
    assert container().checkout_store.orders_for_organisation("org-acme") == []


def test_a_signed_body_that_is_not_json_answers_400(shop) -> None:  # type: ignore[no-untyped-def]
    assert post_signed(b"not json {")[0] == 400


def test_an_event_of_a_type_we_do_not_handle_is_still_ignored(shop) -> None:  # type: ignore[no-untyped-def]
    event = {"id": "evt_9", "type": "invoice.paid", "data": {"object": {"id": "in_1", "lines": [1, 2]}}}
    assert post_signed(json.dumps(event).encode()) == (200, {"outcome": "ignored"})
