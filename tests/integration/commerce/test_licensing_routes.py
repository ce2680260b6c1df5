"""The modules' online calls: signed answers that the reference verifier accepts with the published keys."""

from __future__ import annotations

import base64

import pytest
from helpdesk.bootstrap import container
from helpdesk.licensing.model.verify import verify_response

from .conftest import public
from .test_cabinet_access import buy

pytestmark = pytest.mark.integration


def test_validate_and_activate_answer_signed_and_rate_limited(shop) -> None:  # type: ignore[no-untyped-def]
    order_id = buy("alice", "shop.acme.example")
    key = container().license_queries.for_order(order_id)[0].key
    published = public("GET", "/licenses/pubkey").body
    keys = {key_id: base64.b64decode(raw) for key_id, raw in published["keys"].items()}
    assert published["current"] in keys

    check = {"key": key, "product": "seo-pro", "domain": "www.shop.acme.example", "nonce": "n-1"}
    valid = public("POST", "/licenses/validate", check)
    assert valid.status == 200 and valid.body["result"] == "valid"
    assert (
        verify_response(valid.body["token"], keys, nonce="n-1", domain="www.shop.acme.example").result
        == "valid"
    )

    elsewhere = public("POST", "/licenses/validate", {**check, "domain": "evil.example"}).body
    assert elsewhere["result"] == "invalid" and elsewhere["reason"] == "wrong_domain"
    activated = public("POST", "/licenses/activate", check)
    assert activated.status == 200 and activated.body["result"] == "valid"
    second_host = public("POST", "/licenses/activate", {**check, "domain": "staging.shop.acme.example"})
    assert second_host.status == 409  # Standard allows one activation

    # Limit 5 a minute per key (windows are aligned to the minute, so a boundary may reset the count once).
    answers = [public("POST", "/licenses/validate", check) for _ in range(12)]
    limited = [a for a in answers if a.status == 429]
    assert limited and int(limited[0].headers["Retry-After"]) > 0
    assert {a.status for a in answers} == {200, 429}
    assert public("POST", "/licenses/validate", {"key": key}).status == 422
