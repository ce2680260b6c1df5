from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.local_process import LocalProcess


@pytest.fixture(scope="session")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalProcess]:
    """One local stack per test process: each xdist worker runs its share of the end-to-end tests against its
    own stack, so no test may assume it is alone on a stack it did not start."""
    stack = LocalProcess(tmp_path_factory.mktemp("local-state")).start()
    yield stack
    stack.stop()
    # The stack's own log, for whoever reads a failed run (CI keeps tests/.artifacts/).
    artifacts = Path(__file__).resolve().parents[1] / ".artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "local-stack.log").write_text("".join(stack.output))
