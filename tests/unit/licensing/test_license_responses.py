from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model import codec
from helpdesk.licensing.model.verify import VerificationError, verify_response

from tests.support.licenses import NOW

pytestmark = pytest.mark.unit


def respond(signer: Ed25519Signer, nonce: str = "n-1", result: str = "valid") -> str:
    facts = codec.ResponseFacts(
        license_id="lic-1",
        product="seo-pro",
        domain="shop.example",
        result=result,
        state="active",
        reason="",
        expires=None,
        updates_until=NOW + timedelta(days=365),
        timestamp=NOW,
        nonce=nonce,
    )
    payload = codec.response_payload(facts, signer.key_id)
    return codec.seal_response(payload, signer.sign(codec.response_message(payload)))


def test_fresh_response_with_our_nonce_is_accepted(signer: Ed25519Signer) -> None:
    claims = verify_response(
        respond(signer), {signer.key_id: signer.public_key()}, nonce="n-1", now=NOW.timestamp() + 299
    )
    assert (claims.result, claims.state, claims.domain, claims.nonce) == (
        "valid",
        "active",
        "shop.example",
        "n-1",
    )
    assert claims.timestamp == int(NOW.timestamp())


@pytest.mark.parametrize("offset", [301, 3600, -301])
def test_stale_or_future_response_is_refused(signer: Ed25519Signer, offset: int) -> None:
    with pytest.raises(VerificationError, match="stale"):
        verify_response(respond(signer), {signer.key_id: signer.public_key()}, now=NOW.timestamp() + offset)


def test_response_to_another_request_is_refused(signer: Ed25519Signer) -> None:
    with pytest.raises(VerificationError, match="another request"):
        verify_response(
            respond(signer), {signer.key_id: signer.public_key()}, nonce="n-2", now=NOW.timestamp()
        )


def test_response_for_another_shop_is_refused(signer: Ed25519Signer) -> None:
    keys = {signer.key_id: signer.public_key()}
    assert verify_response(respond(signer), keys, domain="WWW.shop.example", now=NOW.timestamp()).domain
    with pytest.raises(VerificationError, match="another domain"):
        verify_response(respond(signer), keys, domain="other.example", now=NOW.timestamp())


def test_tampered_verdict_is_refused(signer: Ed25519Signer) -> None:
    token = respond(signer, result="invalid")
    keys = {signer.key_id: signer.public_key()}
    for i in range(5, len(token)):
        other = "A" if token[i] != "A" else "B"
        with pytest.raises(VerificationError):
            verify_response(token[:i] + other + token[i + 1 :], keys, now=NOW.timestamp())
