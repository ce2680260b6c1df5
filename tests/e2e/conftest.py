from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.local_process import LocalProcess


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # One local stack per test session: every e2e test goes to the same xdist worker.
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.xdist_group("local-stack"))


@pytest.fixture(scope="session")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalProcess]:
    stack = LocalProcess(tmp_path_factory.mktemp("local-state")).start()
    yield stack
    stack.stop()
    # The stack's own log, for whoever reads a failed run (CI keeps tests/.artifacts/).
    artifacts = Path(__file__).resolve().parents[1] / ".artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "local-stack.log").write_text("".join(stack.output))
