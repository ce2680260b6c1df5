"""Content-Transfer-Encoding decoding that tolerates what real senders produce."""

from __future__ import annotations

import binascii
import re

_NOT_B64 = re.compile(rb"[^A-Za-z0-9+/]")
_UU_BEGIN = re.compile(rb"^begin(?:-base64)?\s+[0-7]{3,4}\s+(.*)$")


def decode_transfer(data: bytes, encoding: str | None) -> bytes:
    cte = (encoding or "").strip().lower()
    if cte == "base64":
        return decode_base64(data)
    if cte == "quoted-printable":
        return binascii.a2b_qp(data)
    if cte in ("x-uuencode", "uuencode", "x-uue", "uue"):
        return decode_uu(data)[0]
    return data


def decode_base64(data: bytes) -> bytes:
    """Bad padding, stray characters and blobs concatenated after padding are tolerated, never fatal."""
    stripped = data.rstrip()
    padding = stripped.find(b"=")
    if padding < 0 or padding >= len(stripped) - 2:  # one blob, padded (if at all) only at its end
        try:
            return binascii.a2b_base64(data)  # the usual case: the C decoder skips the line breaks
        except binascii.Error:
            pass
    chunks = []
    for segment in data.split(b"="):
        clean = _NOT_B64.sub(b"", segment)
        if len(clean) % 4 == 1:
            clean = clean[:-1]
        if clean:
            chunks.append(binascii.a2b_base64(clean + b"=" * (-len(clean) % 4)))
    return b"".join(chunks)


def decode_uu(data: bytes) -> tuple[bytes, str | None]:
    """Decode a uuencoded block (with or without its `begin` line); returns the bytes and the file name."""
    out: list[bytes] = []
    name = None
    for line in data.splitlines():
        stripped = line.rstrip(b"\r\n")
        begin = _UU_BEGIN.match(stripped)
        if begin:
            name = begin.group(1).decode("utf-8", "replace").strip() or None
            continue
        if stripped.strip() == b"end":
            break
        if not stripped or stripped in (b"`",):
            continue
        try:
            out.append(binascii.a2b_uu(stripped))
        except binascii.Error:
            length = (stripped[0] - 32) & 63
            try:
                out.append(binascii.a2b_uu(stripped[: 1 + (length * 4 + 2) // 3])[:length])
            except binascii.Error:
                continue
    return b"".join(out), name
