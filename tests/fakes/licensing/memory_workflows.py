"""In-memory Workflows, held to the Step Functions contract: answering a task ends its execution."""

from __future__ import annotations

import threading
from typing import Any

from helpdesk.licensing.ports import ExecutionInfo, TaskClosed


class InMemoryWorkflows:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.executions: dict[str, ExecutionInfo] = {}
        self.answers: list[tuple[str, str, dict[str, Any]]] = []  # (execution, status, output or error)
        self._tasks: dict[str, str] = {}  # waiting token -> execution name

    def start(self, name: str, input: dict[str, Any]) -> str:
        with self._lock:
            self.executions.setdefault(name, ExecutionInfo(name, "RUNNING", input))
        return f"memory:execution:{name}"

    def describe(self, name: str) -> ExecutionInfo | None:
        return self.executions.get(name)

    def open_task(self, name: str) -> str:
        """What the engine does at a `.waitForTaskToken` state: the execution now waits on a new token."""
        with self._lock:
            if name not in self.executions:
                raise LookupError(f"execution {name} was never started")
            token = f"token-{name}-{len(self._tasks) + len(self.answers)}"
            self._tasks[token] = name
            return token

    def succeed_task(self, token: str, output: dict[str, Any]) -> None:
        self._close(token, "SUCCEEDED", output)

    def fail_task(self, token: str, error: str, cause: str) -> None:
        self._close(token, "FAILED", {"error": error, "cause": cause})

    def _close(self, token: str, status: str, detail: dict[str, Any]) -> None:
        with self._lock:
            name = self._tasks.pop(token, None)
            if name is None:
                raise TaskClosed("the task no longer waits for an answer")
            self.executions[name] = ExecutionInfo(name, status, self.executions[name].input)
            self.answers.append((name, status, detail))
