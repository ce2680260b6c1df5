"""The signing side of the license formats: canonical payloads that license_verify.py reads back."""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass
from datetime import datetime

from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.model.license import License
from helpdesk.licensing.model.verify import (
    FORMAT_VERSION,
    KEY_CONTEXT,
    KEY_PREFIX,
    RESPONSE_CONTEXT,
    RESPONSE_PREFIX,
    SIGNATURE_SIZE,
)


def _text(value: str) -> bytes:
    raw = value.encode("utf-8")
    if len(raw) > 0xFFFF:
        raise Invalid("license field too long")
    return struct.pack(">H", len(raw)) + raw


def _u32(value: int) -> bytes:
    return struct.pack(">I", value)


def _seconds(value: datetime | None) -> int:
    return 0 if value is None else int(value.timestamp())


def key_payload(license: License, key_id: str) -> bytes:
    if len(license.domains) > 0xFF:
        raise Invalid("too many domains on one license")
    return b"".join(
        [
            bytes([FORMAT_VERSION]),
            _text(key_id),
            _text(license.id),
            _u32(license.serial),
            _text(license.product),
            _text(license.edition),
            _text(license.customer_id),
            bytes([len(license.domains)]),
            *(_text(d) for d in sorted(license.domains)),
            _u32(_seconds(license.issued)),
            _u32(_seconds(license.expires)),
            _u32(_seconds(license.updates_until)),
        ]
    )


@dataclass(frozen=True)
class ResponseFacts:
    license_id: str
    product: str
    domain: str
    result: str  # "valid" | "invalid"
    state: str
    reason: str
    expires: datetime | None
    updates_until: datetime | None
    timestamp: datetime
    nonce: str


def response_payload(facts: ResponseFacts, key_id: str) -> bytes:
    texts = [key_id, facts.license_id, facts.product, facts.domain, facts.result, facts.state, facts.reason]
    return b"".join(
        [
            bytes([FORMAT_VERSION]),
            *(_text(t) for t in texts),
            _u32(_seconds(facts.expires)),
            _u32(_seconds(facts.updates_until)),
            _u32(_seconds(facts.timestamp)),
            _text(facts.nonce),
        ]
    )


def key_message(payload: bytes) -> bytes:
    return KEY_CONTEXT + payload


def response_message(payload: bytes) -> bytes:
    return RESPONSE_CONTEXT + payload


def seal_key(payload: bytes, signature: bytes) -> str:
    return KEY_PREFIX + _b64(payload, signature)


def seal_response(payload: bytes, signature: bytes) -> str:
    return RESPONSE_PREFIX + _b64(payload, signature)


def _b64(payload: bytes, signature: bytes) -> str:
    if len(signature) != SIGNATURE_SIZE:
        raise Invalid("an Ed25519 signature is 64 bytes")
    return base64.urlsafe_b64encode(payload + signature).rstrip(b"=").decode("ascii")


def license_id_in_key(text: str) -> str | None:
    """The license id a key (or the first ~60 characters of one) names; None when too short or not a key.
    Staff paste what the customer sent; the id comes right after the format version and the key id."""
    body = text.strip().removeprefix(KEY_PREFIX)
    if len(body) == len(text.strip()):
        return None
    body = body[: len(body) - len(body) % 4]
    try:
        raw = base64.urlsafe_b64decode(body)
    except (ValueError, TypeError):
        return None
    position = 1  # the format version byte
    for _ in range(2):  # the key id, then the license id
        if len(raw) < position + 2:
            return None
        (size,) = struct.unpack(">H", raw[position : position + 2])
        start, position = position + 2, position + 2 + size
        if len(raw) < position:
            return None
    try:
        return raw[start:position].decode("utf-8") or None
    except UnicodeDecodeError:
        return None
