"""Signed, stateless tokens: when a form was shown, and which submission a confirmation link confirms."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime


def _sign(secret: bytes, purpose: str, value: str) -> str:
    return hmac.new(secret, f"{purpose}\x1f{value}".encode(), hashlib.sha256).hexdigest()[:32]


def shown_token(secret: bytes, form_id: str, shown_at: datetime) -> str:
    stamp = str(int(shown_at.timestamp()))
    return f"{stamp}.{_sign(secret, 'shown:' + form_id, stamp)}"


def shown_at(secret: bytes, form_id: str, token: str) -> datetime | None:
    stamp, _, signature = (token or "").partition(".")
    if not stamp.isdigit() or not hmac.compare_digest(signature, _sign(secret, "shown:" + form_id, stamp)):
        return None
    return datetime.fromtimestamp(int(stamp), UTC)


def confirm_token(secret: bytes, reference: str) -> str:
    return f"{reference}.{_sign(secret, 'confirm', reference)}"


def confirmed_reference(secret: bytes, token: str) -> str | None:
    reference, _, signature = (token or "").rpartition(".")
    if not reference or not hmac.compare_digest(signature, _sign(secret, "confirm", reference)):
        return None
    return reference
