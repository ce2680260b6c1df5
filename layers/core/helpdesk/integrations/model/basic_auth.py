"""HTTP basic auth as vendors send it to us, checked against configured credentials."""

from __future__ import annotations

import base64
import binascii
import hmac

from helpdesk.kernel.errors import Unauthorized


class CredentialsRefused(Unauthorized):
    """Basic-auth credentials are missing or are not the ones configured."""


def verify_basic_auth(header: str | None, user: str, password: str) -> None:
    """Constant-time check of `Authorization: Basic ...`: Pipedrive's webhooks (created with
    `http_auth_user`/`http_auth_password`) and 1C's exchange (checkauth) authenticate this way."""
    if not user or not password or not header or not header.startswith("Basic "):
        raise CredentialsRefused("credentials refused")
    try:
        given = base64.b64decode(header[6:].strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise CredentialsRefused("credentials refused") from error
    if not hmac.compare_digest(given, f"{user}:{password}".encode()):
        raise CredentialsRefused("credentials refused")
