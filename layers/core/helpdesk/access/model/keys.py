"""The requester's OpenSSH public key line, checked before anything is stored."""

from __future__ import annotations

import base64
import binascii
import struct

from helpdesk.access.model.grant import AccessRequestInvalid

KEY_TYPES = ("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa")


def checked_public_key(line: str) -> str:
    """`<type> <base64>` (a trailing comment is dropped), whose blob names the same type."""
    parts = line.strip().split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise AccessRequestInvalid(f"public_key must be an OpenSSH public key of type {', '.join(KEY_TYPES)}")
    try:
        blob = base64.b64decode(parts[1], validate=True)
        (length,) = struct.unpack(">I", blob[:4])
        named = blob[4 : 4 + length].decode()
    except (binascii.Error, struct.error, UnicodeDecodeError) as exc:
        raise AccessRequestInvalid("public_key is not valid base64 key data") from exc
    if named != parts[0]:
        raise AccessRequestInvalid("public_key's data does not match its type")
    return f"{parts[0]} {parts[1]}"
