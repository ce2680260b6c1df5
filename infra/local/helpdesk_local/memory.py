"""Bounds the stack's memory under big mail: freed buffers go back to the system, big bodies live on disk.

glibc raises its mmap threshold after each big free, so later 10-30 MB buffers (raw mail, decoded
attachments, request bodies) come from heaps that seldom shrink, one per busy thread; a fixed threshold gives
each big buffer its own mapping, returned on free, and two arenas bound the heaps. moto keeps S3 bodies under
5 MB in memory; here they are on disk as blobs anyway (state.py), so its in-memory buffer is capped too.
Before and after: docs/performance.md, "The local stack under hostile mail"."""

from __future__ import annotations

import ctypes
import ctypes.util
import os

M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8
MMAP_THRESHOLD = 256 * 1024
ARENAS = 2
S3_BUFFER = 256 * 1024


def bound_process_memory() -> None:
    """This process through mallopt; the function environments (child processes) through glibc's variables."""
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(MMAP_THRESHOLD))
    os.environ.setdefault("MALLOC_ARENA_MAX", str(ARENAS))
    os.environ.setdefault("MOTO_S3_DEFAULT_KEY_BUFFER_SIZE", str(S3_BUFFER))
    name = ctypes.util.find_library("c")
    if not name:
        return
    libc = ctypes.CDLL(name)
    if hasattr(libc, "mallopt"):  # glibc; elsewhere the defaults stay
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        libc.mallopt(M_ARENA_MAX, ARENAS)
