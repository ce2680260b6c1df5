from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from .harness import Lifecycle, lifecycle_stack


@pytest.fixture(autouse=True, scope="module")
def utc_wall_clock() -> Iterator[None]:
    # moto's Wait compares the timestamp with naive local time: make local time UTC.
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def stack() -> Iterator[Lifecycle]:
    with lifecycle_stack() as built:
        yield built
