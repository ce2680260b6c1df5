"""The public corpus split in two: rules are developed on one half and measured on the other.

A mail's half is fixed by a hash of its file name (its path below its corpus folder), so the split needs no
list, does not move when mails are added, and cannot be steered by what a mail contains.
"""

from __future__ import annotations

import hashlib

DEV = "dev"
HELD_OUT = "held-out"
HALVES = (DEV, HELD_OUT)


def half_of(file_name: str) -> str:
    digest = hashlib.sha256(file_name.replace("\\", "/").encode("utf-8")).digest()
    return DEV if digest[0] % 2 == 0 else HELD_OUT
