"""Python's cyclic garbage collector, tuned for processes that import a lot once and then allocate briskly:
the local stack, its execution environments and the test workers.

With the default thresholds a young collection runs every 700 allocations, and every tenth of those ages
survivors toward full collections that walk every object the imports created (moto's and botocore's models,
the whole domain package). Measured: half the time of provisioning the template in moto, and a good part of
an idle stack's CPU (docs/performance.md). Objects alive once start-up is over are frozen out of the
collector's walks; reference counting still frees them as before, only cycles among them are kept.
"""

from __future__ import annotations

import gc

FEWER_YOUNG_COLLECTIONS = (10_000, 50, 100)


def collect_less_often() -> None:
    gc.set_threshold(*FEWER_YOUNG_COLLECTIONS)


def freeze_what_start_up_made() -> None:
    gc.collect()
    gc.freeze()
