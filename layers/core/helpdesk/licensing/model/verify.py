"""Reference verifier for Helpdesk license keys and signed validation responses.

Self-contained on purpose (standard library + `cryptography`): module authors may copy this file.
The format is described in docs/licensing.md; web/licensing/verify.php implements the same checks.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

KEY_PREFIX = "HDL1."
RESPONSE_PREFIX = "HDR1."
# Each kind of signed object has its own prefix, so no other signature can pass as a key or a response.
KEY_CONTEXT = b"helpdesk-license-v1\x00"
RESPONSE_CONTEXT = b"helpdesk-license-response-v1\x00"
FORMAT_VERSION = 1
SIGNATURE_SIZE = 64
RESPONSE_MAX_AGE = 300
EXPIRING_DAYS = 30  # "expiring" this many days before `expires`
GRACE_DAYS = 14  # "grace" this many days after it, then "expired"


class VerificationError(ValueError):
    """The key or response is malformed, tampered with, not for this shop, or too old."""


@dataclass(frozen=True)
class LicenseClaims:
    key_id: str
    license_id: str
    serial: int
    product: str
    edition: str
    customer_id: str
    domains: tuple[str, ...]
    issued: int  # unix seconds
    expires: int  # 0: never
    updates_until: int  # 0: never


@dataclass(frozen=True)
class ResponseClaims:
    key_id: str
    license_id: str
    product: str
    domain: str
    result: str  # "valid" | "invalid"
    state: str
    reason: str
    expires: int
    updates_until: int
    timestamp: int
    nonce: str


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, size: int) -> bytes:
        if self.pos + size > len(self.data):
            raise VerificationError("truncated payload")
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return chunk

    def u8(self) -> int:
        return self.take(1)[0]

    def u32(self) -> int:
        return int(struct.unpack(">I", self.take(4))[0])

    def text(self) -> str:
        (size,) = struct.unpack(">H", self.take(2))
        try:
            return self.take(size).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise VerificationError("payload text is not UTF-8") from exc

    def end(self) -> None:
        if self.pos != len(self.data):
            raise VerificationError("trailing bytes after payload")


def b64url_decode_strict(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise VerificationError("not base64url") from exc
    # Re-encoding rejects non-alphabet characters and stray low bits that decoders silently drop.
    if base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii") != text:
        raise VerificationError("not canonical base64url")
    return raw


def _open(token: str, prefix: str, context: bytes, public_keys: dict[str, bytes]) -> tuple[str, _Reader]:
    """Check the envelope and signature; return the key id and a reader positioned after it."""
    if not isinstance(token, str) or not token.startswith(prefix):
        raise VerificationError("unknown token format")
    blob = b64url_decode_strict(token[len(prefix) :])
    if len(blob) <= SIGNATURE_SIZE:
        raise VerificationError("token too short")
    payload, signature = blob[:-SIGNATURE_SIZE], blob[-SIGNATURE_SIZE:]
    reader = _Reader(payload)
    if reader.u8() != FORMAT_VERSION:
        raise VerificationError("unsupported format version")
    key_id = reader.text()
    if key_id not in public_keys:
        raise VerificationError("signed by an unknown key")
    try:
        Ed25519PublicKey.from_public_bytes(public_keys[key_id]).verify(signature, context + payload)
    except InvalidSignature as exc:
        raise VerificationError("bad signature") from exc
    return key_id, reader


def verify_key(
    token: str, public_keys: dict[str, bytes], *, product: str | None = None, domain: str | None = None
) -> LicenseClaims:
    """Check a license key offline; with product/domain given, also that it is for them."""
    key_id, r = _open(token.strip(), KEY_PREFIX, KEY_CONTEXT, public_keys)
    license_id, serial = r.text(), r.u32()
    product_, edition, customer_id = r.text(), r.text(), r.text()
    domains = tuple(r.text() for _ in range(r.u8()))
    issued, expires, updates_until = r.u32(), r.u32(), r.u32()
    r.end()
    claims = LicenseClaims(
        key_id, license_id, serial, product_, edition, customer_id, domains, issued, expires, updates_until
    )
    if product is not None and claims.product != product:
        raise VerificationError("key is for another product")
    if domain is not None and not host_covered(domain, claims.domains):
        raise VerificationError("key is not for this domain")
    return claims


def verify_response(
    token: str,
    public_keys: dict[str, bytes],
    *,
    nonce: str | None = None,
    domain: str | None = None,
    now: float | None = None,
    max_age: int = RESPONSE_MAX_AGE,
) -> ResponseClaims:
    """Check a signed validation response: signature, freshness (both directions), our nonce and our host."""
    key_id, r = _open(token.strip(), RESPONSE_PREFIX, RESPONSE_CONTEXT, public_keys)
    license_id, product, answered_domain, result, state, reason = (r.text() for _ in range(6))
    expires, updates_until, timestamp, answered_nonce = r.u32(), r.u32(), r.u32(), r.text()
    r.end()
    claims = ResponseClaims(
        key_id, license_id, product, answered_domain, result, state, reason,
        expires, updates_until, timestamp, answered_nonce,
    )  # fmt: skip
    age = (time.time() if now is None else now) - claims.timestamp
    if age > max_age or age < -max_age:
        raise VerificationError("response is stale or from the future")
    if nonce is not None and not hmac.compare_digest(claims.nonce.encode(), nonce.encode()):
        raise VerificationError("response answers another request")
    if domain is not None and normalise_host(domain) != claims.domain:
        raise VerificationError("response is for another domain")
    return claims


def offline_state(claims: LicenseClaims, now: float | None = None) -> str:
    """What a module can tell offline: active, expiring, grace or expired (revocation needs the API)."""
    if claims.expires == 0:
        return "active"
    left = claims.expires - (time.time() if now is None else now)
    if left > EXPIRING_DAYS * 86400:
        return "active"
    if left > 0:
        return "expiring"
    return "grace" if left > -GRACE_DAYS * 86400 else "expired"


def normalise_host(value: str) -> str:
    host = value.strip().lower().rstrip(".")
    host = host.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


def host_covered(host: str, domains: tuple[str, ...]) -> bool:
    host = normalise_host(host)
    return bool(host) and any(host == d or host.endswith("." + d) for d in domains)


def key_id_for(public_key: bytes) -> str:
    """A short, stable name for a public key, so keys can be rotated."""
    return base64.b32encode(hashlib.sha256(public_key).digest()[:5]).decode("ascii").lower()
