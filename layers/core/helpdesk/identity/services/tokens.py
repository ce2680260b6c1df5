"""Cognito token verification: RS256 only, keys from the pool's JWKS, cached with rotation, fail closed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from helpdesk.identity.model import Principal
from helpdesk.identity.ports import JwksSource
from helpdesk.kernel.errors import Unauthorized

TokenUse = Literal["id", "access"]
SessionEnded = Callable[[Mapping[str, Any]], bool]  # claims -> whether their session was signed out
ALGORITHM = "RS256"
FAILED_FETCH_RETRY_SECONDS = 5.0


def cognito_issuer(region: str, user_pool_id: str) -> str:
    """What Cognito (and moto, in server mode too) puts in `iss`."""
    return f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"


def jwks_url(issuer: str, user_pool_id: str, endpoint_url: str | None = None) -> str:
    """Where the keys live: under the issuer on AWS, under the emulator's root on the local stack."""
    if endpoint_url:
        return f"{endpoint_url.rstrip('/')}/{user_pool_id}/.well-known/jwks.json"
    return f"{issuer}/.well-known/jwks.json"


class KeyCache:
    """Keys by `kid`. An unknown kid triggers at most one refetch per `min_refetch_seconds`."""

    def __init__(
        self,
        source: JwksSource,
        min_refetch_seconds: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._min_refetch = min_refetch_seconds
        self._monotonic = monotonic
        self._keys: dict[str, Any] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()

    def key(self, kid: str) -> Any:
        with self._lock:
            if kid not in self._keys and self._may_refetch():
                self._refresh()
            try:
                return self._keys[kid]
            except KeyError:
                raise Unauthorized("unknown signing key") from None

    def _may_refetch(self) -> bool:
        return self._fetched_at is None or self._monotonic() - self._fetched_at >= self._min_refetch

    def _refresh(self) -> None:
        started = self._fetched_at = self._monotonic()
        try:
            document = self._source.fetch()
        except Exception as error:  # any transport failure: keep the old keys, refuse the unknown one
            # A pool that is not up yet (local stack start) should not lock keys out for the whole interval.
            self._fetched_at = started - max(0.0, self._min_refetch - FAILED_FETCH_RETRY_SECONDS)
            raise Unauthorized("signing keys unavailable") from error
        self._keys = _rsa_keys(document)


def _rsa_keys(document: Mapping[str, Any]) -> dict[str, Any]:
    import jwt  # PyJWT and cryptography cost ~70 ms: only a call that verifies a token loads them

    keys: dict[str, Any] = {}
    for entry in document.get("keys", []):
        if entry.get("kty") != "RSA" or entry.get("alg", ALGORITHM) != ALGORITHM:
            continue
        if entry.get("use", "sig") != "sig" or not isinstance(entry.get("kid"), str):
            continue
        keys[entry["kid"]] = jwt.PyJWK(dict(entry), algorithm=ALGORITHM).key
    return keys


@dataclass(frozen=True)
class TokenPolicy:
    issuer: str
    client_ids: frozenset[str]
    leeway_seconds: int = 30


class TokenVerifier:
    """Verifies a Cognito id or access token and returns its claims; every failure is Unauthorized."""

    def __init__(
        self, keys: KeyCache, policy: TokenPolicy, session_ended: SessionEnded | None = None
    ) -> None:
        self._keys = keys
        self._policy = policy
        self._session_ended = session_ended

    @classmethod
    def for_pool(
        cls,
        source: JwksSource,
        issuer: str,
        client_ids: Iterable[str],
        leeway_seconds: int = 30,
        session_ended: SessionEnded | None = None,
    ) -> TokenVerifier:
        policy = TokenPolicy(issuer, frozenset(client_ids), leeway_seconds)
        return cls(KeyCache(source), policy, session_ended)

    def claims(self, token: str, use: TokenUse = "id") -> dict[str, Any]:
        import jwt

        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise Unauthorized("malformed token") from None
        if header.get("alg") != ALGORITHM:
            raise Unauthorized("unexpected token algorithm")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise Unauthorized("token has no key id")
        key = self._keys.key(kid)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                issuer=self._policy.issuer,
                leeway=self._policy.leeway_seconds,
                options={"require": ["exp", "iat", "iss", "sub"], "verify_aud": False},
            )
        except jwt.InvalidTokenError:
            raise Unauthorized("invalid token") from None
        if claims.get("token_use") != use:
            raise Unauthorized("wrong kind of token")
        audience = claims.get("aud") if use == "id" else claims.get("client_id")
        if not isinstance(audience, str) or audience not in self._policy.client_ids:
            raise Unauthorized("token was issued to another client")
        if self._session_ended is not None and self._session_ended(claims):
            raise Unauthorized("the session has ended: sign in again")
        return claims

    def principal(self, token: str, use: TokenUse = "id") -> Principal:
        return Principal.from_claims(self.claims(token, use))

    def principal_from_header(self, authorization: str | None, use: TokenUse = "id") -> Principal | None:
        """`Authorization: Bearer <token>`; no header is an anonymous caller, a bad one is Unauthorized."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("expected a bearer token")
        return self.principal(token.strip(), use)
