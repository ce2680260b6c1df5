"""The token matrix: every way a token can be wrong is refused as Unauthorized; valid ones pass."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from helpdesk.identity.model import Role
from helpdesk.identity.services.tokens import KeyCache, TokenPolicy, TokenVerifier, cognito_issuer, jwks_url
from helpdesk.kernel.errors import Unauthorized

pytestmark = pytest.mark.unit

POOL = "eu-central-1_Pool1"
ISSUER = cognito_issuer("eu-central-1", POOL)
CLIENT = "client-web"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


KEY, OTHER_KEY = _key(), _key()


def jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    entry = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**entry, "kid": kid, "alg": "RS256", "use": "sig"}


class KeySet:
    """The pool's published keys as a test controls them; counts fetches."""

    def __init__(self, *entries: dict[str, Any]) -> None:
        self.entries = list(entries)
        self.fetches = 0

    def fetch(self) -> dict[str, Any]:
        self.fetches += 1
        return {"keys": list(self.entries)}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def claims(use: str = "id", **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {
        "sub": "user-1",
        "iss": ISSUER,
        "token_use": use,
        "iat": now,
        "exp": now + 600,
        "cognito:groups": ["customer"],
        "custom:organisation_id": "org-a",
        "email": "a@example.com",
        ("aud" if use == "id" else "client_id"): CLIENT,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def sign(
    payload: dict[str, Any], key: rsa.RSAPrivateKey = KEY, kid: str | None = "k1", alg: str = "RS256"
) -> str:
    headers = {"kid": kid} if kid is not None else {}
    return jwt.encode(payload, key, algorithm=alg, headers=headers)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(payload: dict[str, Any], header: dict[str, Any]) -> tuple[str, str]:
    return b64(json.dumps(header).encode()), b64(json.dumps(payload).encode())


@pytest.fixture
def keys() -> KeySet:
    return KeySet(jwk(KEY, "k1"))


@pytest.fixture
def verifier(keys: KeySet) -> TokenVerifier:
    return TokenVerifier(KeyCache(keys), TokenPolicy(ISSUER, frozenset({CLIENT})))


def test_valid_id_token_gives_the_principal_from_its_claims(verifier: TokenVerifier) -> None:
    principal = verifier.principal(sign(claims()))
    assert principal.subject == "user-1"
    assert principal.roles == {Role.CUSTOMER}
    assert principal.organisation_id == "org-a"
    assert principal.email == "a@example.com"


def test_valid_access_token_is_accepted_as_access(verifier: TokenVerifier) -> None:
    assert verifier.claims(sign(claims("access")), use="access")["client_id"] == CLIENT


def test_expiry_within_leeway_is_accepted(verifier: TokenVerifier) -> None:
    assert verifier.claims(sign(claims(exp=int(time.time()) - 10)))["sub"] == "user-1"


def hs256_with_public_key() -> str:
    pem = KEY.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header, payload = unsigned(claims(), {"alg": "HS256", "kid": "k1", "typ": "JWT"})
    mac = hmac.new(pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(mac)}"


def alg_none() -> str:
    header, payload = unsigned(claims(), {"alg": "none", "kid": "k1", "typ": "JWT"})
    return f"{header}.{payload}."


def tampered() -> str:
    header, _, signature = sign(claims()).split(".")
    _, payload = unsigned(claims(**{"cognito:groups": ["admin"]}), {})
    return f"{header}.{payload}.{signature}"


def now() -> int:
    # At signing time, not import time: a long test run must not turn 'not yet valid' into valid.
    return int(time.time())


REFUSED = {
    "bad signature": lambda: sign(claims(), key=OTHER_KEY),
    "tampered claims": tampered,
    "alg none": alg_none,
    "HS256 signed with the public key": hs256_with_public_key,
    "RS512 instead of RS256": lambda: sign(claims(), alg="RS512"),
    "expired": lambda: sign(claims(exp=now() - 300)),
    "not yet valid": lambda: sign(claims(nbf=now() + 300)),
    "wrong issuer": lambda: sign(claims(iss="https://evil.example.com/" + POOL)),
    "another pool": lambda: sign(claims(iss=cognito_issuer("eu-central-1", "eu-central-1_Other"))),
    "wrong audience": lambda: sign(claims(aud="another-client")),
    "audience as a list": lambda: sign(claims(aud=[CLIENT, "x"])),
    "access token where id expected": lambda: sign(claims("access")),
    "no token_use": lambda: sign(claims(token_use=None)),
    "unknown kid": lambda: sign(claims(), kid="k-unknown"),
    "no kid": lambda: sign(claims(), kid=None),
    "no exp": lambda: sign(claims(exp=None)),
    "no sub": lambda: sign(claims(sub=None)),
    "garbage": lambda: "not.a.token",
    "empty": lambda: "",
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_id_tokens_are_refused(verifier: TokenVerifier, case: str) -> None:
    with pytest.raises(Unauthorized):
        verifier.claims(REFUSED[case]())


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda: sign(claims("id")), id="id token where access expected"),
        pytest.param(lambda: sign(claims("access", client_id="another-client")), id="wrong client_id"),
        pytest.param(lambda: sign(claims("access", client_id=None, aud=CLIENT)), id="aud, no client_id"),
    ],
)
def test_bad_access_tokens_are_refused(verifier: TokenVerifier, token: Any) -> None:
    with pytest.raises(Unauthorized):
        verifier.claims(token(), use="access")


def test_rotated_key_is_fetched_once_then_unknown_kids_wait_for_the_interval() -> None:
    keys, clock = KeySet(jwk(KEY, "k1")), Clock()
    cache = KeyCache(keys, min_refetch_seconds=60, monotonic=clock)
    verifier = TokenVerifier(cache, TokenPolicy(ISSUER, frozenset({CLIENT})))
    verifier.claims(sign(claims()))
    assert keys.fetches == 1
    keys.entries.append(jwk(OTHER_KEY, "k2"))
    clock.now += 61
    verifier.claims(sign(claims(), key=OTHER_KEY, kid="k2"))  # unknown kid after the interval: refetched
    verifier.claims(sign(claims()))
    assert keys.fetches == 2
    for _ in range(5):
        with pytest.raises(Unauthorized):
            verifier.claims(sign(claims(), kid="k3"))
    assert keys.fetches == 2, "unknown kids must not hammer the JWKS endpoint"
    clock.now += 61
    with pytest.raises(Unauthorized):
        verifier.claims(sign(claims(), kid="k3"))
    assert keys.fetches == 3


def test_removed_key_is_refused_after_refetch() -> None:
    keys, clock = KeySet(jwk(KEY, "k1")), Clock()
    cache = KeyCache(keys, min_refetch_seconds=60, monotonic=clock)
    verifier = TokenVerifier(cache, TokenPolicy(ISSUER, frozenset({CLIENT})))
    verifier.claims(sign(claims()))
    keys.entries = [jwk(OTHER_KEY, "k2")]
    clock.now += 61
    verifier.claims(sign(claims(), key=OTHER_KEY, kid="k2"))
    with pytest.raises(Unauthorized):
        verifier.claims(sign(claims()))


def test_unreachable_jwks_fails_closed_and_retries_soon() -> None:
    class Down:
        calls = 0

        def fetch(self) -> dict[str, Any]:
            self.calls += 1
            raise OSError("connection refused")

    down, clock = Down(), Clock()
    verifier = TokenVerifier(KeyCache(down, 60, clock), TokenPolicy(ISSUER, frozenset({CLIENT})))
    with pytest.raises(Unauthorized):
        verifier.claims(sign(claims()))
    with pytest.raises(Unauthorized):
        verifier.claims(sign(claims()))
    assert down.calls == 1
    clock.now += 6
    with pytest.raises(Unauthorized):
        verifier.claims(sign(claims()))
    assert down.calls == 2


def test_non_rsa_and_encryption_keys_in_the_set_are_ignored() -> None:
    keys = KeySet({**jwk(KEY, "k1"), "use": "enc"}, {"kty": "oct", "kid": "k1", "k": "c2VjcmV0"})
    verifier = TokenVerifier(KeyCache(keys), TokenPolicy(ISSUER, frozenset({CLIENT})))
    with pytest.raises(Unauthorized):
        verifier.claims(sign(claims()))


@pytest.mark.parametrize("header", ["Basic dXNlcjpwdw==", "Bearer ", "Bearer not-a-jwt"])
def test_bad_authorization_headers_are_refused(verifier: TokenVerifier, header: str) -> None:
    with pytest.raises(Unauthorized):
        verifier.principal_from_header(header)


def test_missing_authorization_header_is_anonymous(verifier: TokenVerifier) -> None:
    assert verifier.principal_from_header(None) is None
    assert verifier.principal_from_header("Bearer " + sign(claims())).subject == "user-1"


def test_jwks_url_points_at_the_emulator_when_one_is_configured() -> None:
    assert jwks_url(ISSUER, POOL) == ISSUER + "/.well-known/jwks.json"
    assert (
        jwks_url(ISSUER, POOL, "http://127.0.0.1:5000/")
        == f"http://127.0.0.1:5000/{POOL}/.well-known/jwks.json"
    )
