"""Test keys and Cognito-shaped tokens signed with them, and a verifier that trusts exactly those keys."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from helpdesk.identity.services.tokens import KeyCache, TokenPolicy, TokenVerifier, cognito_issuer

POOL = "eu-central-1_Pool1"
ISSUER = cognito_issuer("eu-central-1", POOL)
CLIENT = "client-web"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class SigningKeys:
    def fetch(self) -> dict[str, Any]:
        entry = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
        return {"keys": [{**entry, "kid": "k1", "alg": "RS256", "use": "sig"}]}


def verifier() -> TokenVerifier:
    return TokenVerifier(KeyCache(SigningKeys()), TokenPolicy(ISSUER, frozenset({CLIENT})))


def id_token(subject: str, groups: list[str], organisation: str | None = None) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "iss": ISSUER,
        "aud": CLIENT,
        "token_use": "id",
        "iat": now,
        "exp": now + 600,
        "cognito:groups": groups,
        "email": f"{subject}@example.com",
    }
    if organisation:
        claims["custom:organisation_id"] = organisation
    return jwt.encode(claims, KEY, algorithm="RS256", headers={"kid": "k1"})
