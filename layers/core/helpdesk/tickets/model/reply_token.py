"""Signed reply tokens: carried in our outgoing Message-ID and Reply-To plus-address, they lead replies home.

The token is lower-case hex only, because mail systems may fold the case of a local part.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_SIG_LEN = 16
_TOKEN = re.compile(r"\bt([0-9a-f]{20})([0-9a-f]{16})\b")


def make_token(ticket_id: str, secret: bytes) -> str:
    return f"t{ticket_id}{_signature(ticket_id, secret)}"


def verify_token(token: str, secret: bytes) -> str | None:
    """The ticket id if the token is genuine, else None."""
    match = _TOKEN.fullmatch(token.strip().lower())
    if not match:
        return None
    ticket_id, sig = match.groups()
    return ticket_id if hmac.compare_digest(sig, _signature(ticket_id, secret)) else None


def find_ticket_in(texts: list[str], secret: bytes) -> str | None:
    """The first genuinely signed ticket id inside Message-IDs or addresses."""
    for text in texts:
        for match in _TOKEN.finditer(text.lower()):
            ticket_id = verify_token(match.group(0), secret)
            if ticket_id:
                return ticket_id
    return None


def reply_address(support_address: str, token: str) -> str:
    local, _, domain = support_address.partition("@")
    return f"{local.split('+', 1)[0]}+{token}@{domain}"


def outgoing_message_id(token: str, unique: str, domain: str) -> str:
    return f"{token}.{unique}@{domain}"


def _signature(ticket_id: str, secret: bytes) -> str:
    return hmac.new(secret, ticket_id.encode(), hashlib.sha256).hexdigest()[:_SIG_LEN]
