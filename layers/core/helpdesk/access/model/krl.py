"""OpenSSH key revocation lists (PROTOCOL.krl): a header and one certificate section listing serials.

sshd reads the file named by `RevokedKeys`; a certificate whose serial is listed under its CA is refused."""

from __future__ import annotations

import struct
from collections.abc import Iterable

KRL_MAGIC = 0x5353484B524C0A00  # "SSHKRL\n\0"
KRL_FORMAT_VERSION = 1
KRL_SECTION_CERTIFICATES = 1
KRL_SECTION_CERT_SERIAL_LIST = 0x20


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def encode_krl(
    ca_key_blob: bytes, serials: Iterable[int], version: int, generated_at: int, comment: str = ""
) -> bytes:
    """The KRL revoking `serials` of certificates signed by the CA whose public key blob is `ca_key_blob`."""
    header = struct.pack(">QIQQQ", KRL_MAGIC, KRL_FORMAT_VERSION, version, generated_at, 0)
    header += _string(b"") + _string(comment.encode())
    wanted = sorted(set(serials))
    if not wanted:
        return header
    serial_list = b"".join(struct.pack(">Q", s) for s in wanted)
    certificates = _string(ca_key_blob) + _string(b"")
    certificates += bytes([KRL_SECTION_CERT_SERIAL_LIST]) + _string(serial_list)
    return header + bytes([KRL_SECTION_CERTIFICATES]) + _string(certificates)
