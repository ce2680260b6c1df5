"""ISO-2022-JP with the Microsoft/NEC extensions (circled digits, roman numerals) Python's codecs reject."""

from __future__ import annotations

import re

_ESCAPE = re.compile(rb"\x1b(\$[@B]|\([BJI])")


def iso2022jp_to_cp932(data: bytes) -> str:
    """Re-encode the JIS X 0208 runs as Shift_JIS and decode with cp932, which knows the extensions."""
    out = bytearray()
    mode = b"(B"
    pos = 0
    for match in [*_ESCAPE.finditer(data), None]:
        end = match.start() if match else len(data)
        chunk = data[pos:end]
        if mode in (b"$B", b"$@"):
            for i in range(0, len(chunk) - 1, 2):
                out += _sjis(chunk[i], chunk[i + 1])
        elif mode == b"(I":
            out += bytes(b + 0x80 if 0x21 <= b <= 0x5F else b for b in chunk)
        else:
            out += chunk
        if match:
            mode = match.group(1)
            pos = match.end()
    return bytes(out).decode("cp932", errors="replace")


def _sjis(j1: int, j2: int) -> bytes:
    if not (0x21 <= j1 <= 0x7E and 0x21 <= j2 <= 0x7E):
        return b"?"
    s1 = (j1 + 1) // 2 + 0x70
    if s1 >= 0xA0:
        s1 += 0x40
    if j1 % 2:
        s2 = j2 + 0x1F + (1 if j2 >= 0x60 else 0)
    else:
        s2 = j2 + 0x7E
    return bytes((s1, s2))
