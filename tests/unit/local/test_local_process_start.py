"""LocalProcess.start keeps its deadline even while the child prints nothing."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support.local_process import LocalProcess


class SilentChild(LocalProcess):
    def command(self) -> list[str]:
        return [sys.executable, "-c", "import time; time.sleep(60)"]


class ChildThatExits(LocalProcess):
    def command(self) -> list[str]:
        return [sys.executable, "-c", "print('starting'); raise SystemExit(3)"]


def test_start_gives_up_on_a_silent_child_at_its_deadline_and_kills_it(tmp_path: Path) -> None:
    stack = SilentChild(tmp_path)
    outcome: list[BaseException] = []

    def start() -> None:
        try:
            stack.start(timeout=0.5)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    began = time.monotonic()
    starter = threading.Thread(target=start, daemon=True)
    starter.start()
    starter.join(timeout=10)  # a blocked readline() would hold start() until the child's 60 s sleep ends
    try:
        assert not starter.is_alive(), "start() ignored its timeout"
        assert len(outcome) == 1 and isinstance(outcome[0], TimeoutError)
        assert time.monotonic() - began < 5
        assert stack.proc is not None and stack.proc.poll() is not None  # not left running
    finally:
        if stack.proc is not None and stack.proc.poll() is None:
            stack.proc.kill()


def test_start_reports_a_child_that_exits_with_its_output(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="starting"):
        ChildThatExits(tmp_path).start(timeout=30)
