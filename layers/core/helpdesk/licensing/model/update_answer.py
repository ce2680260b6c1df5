"""The signed answer of the update check (`HDU1.`): the same envelope as validation answers, other context.

Payload: format version, key id, license id, product, domain, result (update | current | invalid), reason,
current version, offered version, download URL (all length-prefixed UTF-8), updates_until and timestamp
(u32 seconds), nonce. The PHP side reads it in web/licensing/verify.php (`verifyUpdate`).
"""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass
from datetime import datetime

from helpdesk.licensing.model.codec import _b64, _text, _u32
from helpdesk.licensing.model.verify import (
    FORMAT_VERSION,
    RESPONSE_MAX_AGE,
    VerificationError,
    _open,
    normalise_host,
)

UPDATE_PREFIX = "HDU1."
UPDATE_CONTEXT = b"helpdesk-update-v1\x00"


@dataclass(frozen=True)
class UpdateFacts:
    license_id: str
    product: str
    domain: str
    result: str  # "update" | "current" | "invalid"
    reason: str  # why invalid, as validation words it ("wrong_domain", "revoked", ...)
    current_version: str
    version: str  # the newest entitled version ("" when none)
    download_url: str  # "" unless result is "update"
    updates_until: datetime | None
    timestamp: datetime
    nonce: str


def update_payload(f: UpdateFacts, key_id: str) -> bytes:
    texts = [key_id, f.license_id, f.product, f.domain, f.result, f.reason, f.current_version, f.version]
    until = 0 if f.updates_until is None else int(f.updates_until.timestamp())
    return b"".join(
        [
            bytes([FORMAT_VERSION]),
            *(_text(t) for t in texts),
            _text(f.download_url),
            _u32(until),
            _u32(int(f.timestamp.timestamp())),
            _text(f.nonce),
        ]
    )


def seal_update(payload: bytes, signature: bytes) -> str:
    return UPDATE_PREFIX + _b64(payload, signature)


def verify_update(
    token: str, public_keys: dict[str, bytes], *, nonce: str | None = None, domain: str | None = None
) -> dict[str, str | int]:
    """The reference check of an update answer (what a module does): signature, freshness, nonce, host."""
    key_id, r = _open(token.strip(), UPDATE_PREFIX, UPDATE_CONTEXT, public_keys)
    names = (
        "license_id",
        "product",
        "domain",
        "result",
        "reason",
        "current_version",
        "version",
        "download_url",
    )
    claims: dict[str, str | int] = {"key_id": key_id, **{n: r.text() for n in names}}
    claims |= {"updates_until": r.u32(), "timestamp": r.u32(), "nonce": r.text()}
    r.end()
    if abs(time.time() - int(claims["timestamp"])) > RESPONSE_MAX_AGE:
        raise VerificationError("answer is stale or from the future")
    if nonce is not None and not hmac.compare_digest(str(claims["nonce"]).encode(), nonce.encode()):
        raise VerificationError("answer is for another request")
    if domain is not None and normalise_host(domain) != claims["domain"]:
        raise VerificationError("answer is for another domain")
    return claims
