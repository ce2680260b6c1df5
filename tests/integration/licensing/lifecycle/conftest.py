from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

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


@pytest.fixture(autouse=True)
def answers_skip_executions_still_starting(monkeypatch: pytest.MonkeyPatch) -> None:
    """moto answers a task token by asking every RUNNING execution, and one whose worker thread has not built
    its environment yet (the next period, just started by the renewal) raises AttributeError: in-process that
    error reaches the caller (the local stack's server turns it into a 500 that botocore retries). Such an
    execution cannot hold the token, so the lookup leaves it out."""
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    own = StepFunctionsParserBackend._get_executions

    def started(self: Any, execution_status: Any = None) -> list[Any]:
        found = own(self, execution_status)
        if execution_status is None:
            return found  # type: ignore[no-any-return]
        return [e for e in found if getattr(getattr(e, "exec_worker", None), "env", None) is not None]

    monkeypatch.setattr(StepFunctionsParserBackend, "_get_executions", started)


@pytest.fixture
def stack() -> Iterator[Lifecycle]:
    with lifecycle_stack() as built:
        yield built
