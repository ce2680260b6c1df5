"""What the Cognito authorizer of API Gateway checks, done locally against the emulator's pool."""

from __future__ import annotations

from typing import Any


class CognitoIdTokenVerifier:
    def __init__(self, emulator: str, region: str, pool_id: str, client_id: str) -> None:
        import jwt

        self.issuer = f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        self.client_id = client_id
        self.jwks = jwt.PyJWKClient(f"{emulator}/{pool_id}/.well-known/jwks.json", cache_keys=True)

    def __call__(self, token: str) -> dict[str, Any]:
        import jwt

        key = self.jwks.get_signing_key_from_jwt(token)
        claims: dict[str, Any] = jwt.decode(
            token, key.key, algorithms=["RS256"], issuer=self.issuer, options={"verify_aud": False}, leeway=30
        )
        if claims.get("token_use") == "id" and claims.get("aud") != self.client_id:
            raise PermissionError("token for another client")
        if claims.get("token_use") == "access" and claims.get("client_id") != self.client_id:
            raise PermissionError("token for another client")
        return claims
