"""The stack delivers no event while its demo data is being written, and every event once it is written."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from helpdesk_local import demo
from helpdesk_local.stack import LocalConfig, LocalStack


class RecordingWorker(threading.Thread):
    def __init__(self, written: threading.Event) -> None:
        super().__init__(daemon=True)
        self.written = written
        self.started_after_demo: bool | None = None

    def start(self) -> None:
        self.started_after_demo = self.written.is_set()
        super().start()

    def run(self) -> None:
        pass


def test_pollers_start_only_once_the_demo_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    written = threading.Event()
    stack = LocalStack(LocalConfig(demo=True, demo_reports=False))
    stack.workers = [RecordingWorker(written), RecordingWorker(written)]  # type: ignore[list-item]

    def load_demo(_: Any, reports: bool) -> list[dict[str, str]]:
        assert not any(w.is_alive() for w in stack.workers), "an event was delivered mid-demo"
        written.set()
        return []

    monkeypatch.setattr(demo, "load_demo", load_demo)
    stack._load_demo_then_deliver()
    assert [w.started_after_demo for w in stack.workers] == [True, True]  # type: ignore[attr-defined]


def test_without_demo_data_the_pollers_start_at_once() -> None:
    stack = LocalStack(LocalConfig(demo=False))
    stack.workers = [RecordingWorker(threading.Event())]  # type: ignore[list-item]
    stack._load_demo_then_deliver()
    assert stack.workers[0].started_after_demo is False  # type: ignore[attr-defined]
