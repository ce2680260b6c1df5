"""Signatures per Standard Webhooks, checked with the reference `standardwebhooks` library, not our code."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.webhooks.model.signing import new_secret, signed_headers
from helpdesk.webhooks.model.subscription import SigningSecret, Subscription
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def subscription(secret: str) -> Subscription:
    return Subscription(
        "wh_1", "https://hooks.example/in", ("ticket.created",), NOW, (SigningSecret(secret),)
    )


def test_a_signed_delivery_verifies_with_the_reference_library_and_a_wrong_secret_is_rejected() -> None:
    secret, body = new_secret(), b'{"type":"ticket.created","data":{"id":"t1"}}'
    assert secret.startswith("whsec_")
    headers = signed_headers([secret], "msg_1", int(time.time()), body)
    assert Webhook(secret).verify(body, headers) == {"type": "ticket.created", "data": {"id": "t1"}}
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace(b"t1", b"t2"), headers)


def test_during_rotation_both_secrets_sign_and_after_the_overlap_only_the_new_one() -> None:
    old = new_secret()
    rotated, fresh = subscription(old).rotated(NOW, timedelta(hours=24))
    body, stamp = b"{}", int(time.time())
    during = signed_headers(rotated.signing_secrets(NOW + timedelta(hours=23)), "msg_2", stamp, body)
    assert len(during["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(body, during)
    Webhook(fresh).verify(body, during)
    after = signed_headers(rotated.signing_secrets(NOW + timedelta(hours=25)), "msg_2", stamp, body)
    Webhook(fresh).verify(body, after)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(body, after)


def test_a_second_rotation_does_not_extend_the_first_secrets_overlap() -> None:
    first = new_secret()
    once, second = subscription(first).rotated(NOW, timedelta(hours=24))
    twice, third = once.rotated(NOW + timedelta(hours=1), timedelta(hours=24))
    signing = twice.signing_secrets(NOW + timedelta(hours=24, minutes=30))
    assert signing == [third, second]
