"""A sign-up's one-time continuation: after the e-mailed code, sign the person in without asking again.

The server keeps the password only sealed, and the key only in the browser's HttpOnly cookie: neither side
alone can read it, pages and scripts never see it, and the first use (or expiry) destroys it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from helpdesk_local.auth.store import EMAIL_CODE_SECONDS, AuthStore

CONTINUATION_COOKIE = "helpdesk_signup"


@dataclass(frozen=True)
class SignUpContinuation:
    id: str
    request_id: str
    email: str
    name: str
    nonce: bytes
    sealed_password: bytes
    expires_at: float


@dataclass(frozen=True)
class Continued:
    request_id: str
    email: str
    name: str
    password: str


def start(store: AuthStore, request_id: str, email: str, name: str, password: str) -> str:
    """The cookie value that, with the right code, finishes this sign-up."""
    key, nonce = AESGCM.generate_key(bit_length=256), secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, password.encode(), _bound(request_id, email))
    with store.lock:
        entry = SignUpContinuation(
            secrets.token_urlsafe(24),
            request_id,
            email,
            name,
            nonce,
            sealed,
            store.now() + EMAIL_CODE_SECONDS,
        )
        store.continuations[entry.id] = entry
    return f"{entry.id}.{key.hex()}"


def take(store: AuthStore, cookie: str | None, request_id: str, email: str) -> Continued | None:
    """The continuation for this request and address, used up; None when absent, expired or another's."""
    entry_id, _, key_hex = (cookie or "").partition(".")
    with store.lock:
        entry = store.continuations.get(entry_id)
        if entry is None or (entry.request_id, entry.email) != (request_id, email):
            return None
        del store.continuations[entry_id]
    if entry.expires_at <= store.now():
        return None
    try:
        password = AESGCM(bytes.fromhex(key_hex)).decrypt(
            entry.nonce, entry.sealed_password, _bound(request_id, email)
        )
    except (ValueError, InvalidTag):
        return None
    return Continued(request_id, email, entry.name, password.decode())


def _bound(request_id: str, email: str) -> bytes:
    return f"{request_id}\n{email}".encode()
