from __future__ import annotations

import base64
import random
from datetime import timedelta

import pytest
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model import codec
from helpdesk.licensing.model.license import License
from helpdesk.licensing.model.verify import VerificationError, offline_state, verify_key, verify_response

from tests.support.licenses import NOW, make_license

pytestmark = pytest.mark.unit


def issue(signer: Ed25519Signer, license: License) -> str:
    payload = codec.key_payload(license, signer.key_id)
    return codec.seal_key(payload, signer.sign(codec.key_message(payload)))


def keys_of(signer: Ed25519Signer) -> dict[str, bytes]:
    return {signer.key_id: signer.public_key()}


def test_issued_key_verifies_and_carries_the_whole_payload(signer: Ed25519Signer) -> None:
    license = make_license(domains=("b.example", "a.example"), serial=3)
    claims = verify_key(
        issue(signer, license), keys_of(signer), product="seo-pro", domain="staging.a.example"
    )
    assert (claims.license_id, claims.serial, claims.product, claims.edition) == (
        "lic-1",
        3,
        "seo-pro",
        "standard",
    )
    assert claims.domains == ("a.example", "b.example")
    assert claims.customer_id == "cus-1" and claims.key_id == signer.key_id
    assert claims.issued == int(NOW.timestamp()) and claims.expires > claims.issued


def test_lifetime_license_encodes_no_expiry(signer: Ed25519Signer) -> None:
    claims = verify_key(issue(signer, make_license(expires=None)), keys_of(signer))
    assert claims.expires == 0


@pytest.mark.parametrize("domain", ["other.example", "shop.example.evil", "evilshop.example", ""])
def test_wrong_domain_is_refused(signer: Ed25519Signer, domain: str) -> None:
    with pytest.raises(VerificationError):
        verify_key(issue(signer, make_license()), keys_of(signer), domain=domain)


def test_www_and_scheme_are_ignored_when_matching_domain(signer: Ed25519Signer) -> None:
    verify_key(issue(signer, make_license()), keys_of(signer), domain="https://WWW.Shop.Example:8443/admin")


def test_wrong_product_and_unknown_signer_are_refused(signer: Ed25519Signer) -> None:
    key = issue(signer, make_license())
    with pytest.raises(VerificationError):
        verify_key(key, keys_of(signer), product="other-module")
    stranger = Ed25519Signer.generate()
    with pytest.raises(VerificationError):
        verify_key(key, {signer.key_id: stranger.public_key()})
    with pytest.raises(VerificationError):
        verify_key(issue(stranger, make_license()), keys_of(signer))


def test_a_thousand_keys_with_one_flipped_bit_are_all_refused(signer: Ed25519Signer) -> None:
    rng = random.Random(8)
    refused = 0
    for n in range(1000):
        key = issue(signer, make_license(id=f"lic-{n}", customer_id=f"cus-{rng.randrange(10**6)}"))
        raw = bytearray(base64.urlsafe_b64decode(key[5:] + "=" * (-len(key[5:]) % 4)))
        bit = rng.randrange(len(raw) * 8)
        raw[bit // 8] ^= 1 << (bit % 8)
        tampered = "HDL1." + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
        with pytest.raises(VerificationError):
            verify_key(tampered, keys_of(signer))
        refused += 1
    assert refused == 1000


def test_every_bit_flip_of_the_printed_key_is_refused(signer: Ed25519Signer) -> None:
    key = issue(signer, make_license())
    for i, char in enumerate(key):
        for bit in range(7):
            flipped = chr(ord(char) ^ (1 << bit))
            with pytest.raises(VerificationError):
                verify_key(key[:i] + flipped + key[i + 1 :], keys_of(signer))


def test_trailing_bytes_are_refused_even_when_signed(signer: Ed25519Signer) -> None:
    payload = codec.key_payload(make_license(), signer.key_id) + b"\x00"
    with pytest.raises(VerificationError, match="trailing"):
        verify_key(codec.seal_key(payload, signer.sign(codec.key_message(payload))), keys_of(signer))


def test_a_response_signature_cannot_pass_as_a_key_and_back(signer: Ed25519Signer) -> None:
    payload = codec.key_payload(make_license(), signer.key_id)
    signed_as_response = signer.sign(codec.response_message(payload))
    with pytest.raises(VerificationError, match="signature"):
        verify_key(codec.seal_key(payload, signed_as_response), keys_of(signer))
    key_sig = signer.sign(codec.key_message(payload))
    with pytest.raises(VerificationError):
        verify_response(codec.seal_response(payload, key_sig), keys_of(signer))


def test_offline_state_agrees_with_the_entity_around_every_boundary(signer: Ed25519Signer) -> None:
    license = make_license()
    claims = verify_key(issue(signer, license), keys_of(signer))
    assert license.expires is not None
    for days in (-400, -31, -30, -29, -1, 0, 1, 13, 14, 15, 100):
        for nudge in (-1, 0, 1):
            now = license.expires + timedelta(days=days, seconds=nudge)
            assert offline_state(claims, now.timestamp()) == license.state_at(now).value, (days, nudge)
    assert offline_state(verify_key(issue(signer, make_license(expires=None)), keys_of(signer))) == "active"
