"""Further execution environments of a function, each in a process of its own.

Lambda runs concurrent invocations of a function in separate execution environments, each with its own module
state (the handler's batch processor, its metrics buffer). Locally a function runs in the stack's process;
when its SQS event allows more than one concurrent batch (ScalingConfig.MaximumConcurrency), each environment
is a child process that imports the same handler module and is invoked over a pipe. The children also use the
machine's other cores: the stack's own process is busy with the emulator.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

from helpdesk_local.collector import collect_less_often, freeze_what_start_up_made
from helpdesk_local.functions import LocalFunction, lambda_context


class InvocationFailed(Exception):
    """The handler raised in its environment (the text is the child's traceback), or the environment died."""


class ProcessEnvironment:
    def __init__(self, fn: LocalFunction, index: int) -> None:
        self.fn, self.index = fn, index
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None

    def invoke(self, event: dict[str, Any]) -> Any:
        return self.fn.observed(lambda: self._call(event))

    def _call(self, event: dict[str, Any]) -> Any:
        with self._lock:
            conn = self._connection()
            try:
                conn.send((event, self.fn.timeout))
                ok, value = conn.recv()
            except (EOFError, OSError) as died:
                self.close()  # the next invocation starts a fresh environment, as Lambda would
                raise InvocationFailed(f"{self.fn.name} environment {self.index} died") from died
        if not ok:
            raise InvocationFailed(value)
        return value

    def _connection(self) -> Connection:
        if self._conn is None:
            context = multiprocessing.get_context("spawn")  # a clean interpreter: no threads copied by a fork
            parent, child = context.Pipe()
            self._process = context.Process(
                target=serve,
                args=(child, str(self.fn.code_dir), self.fn.handler_path, self.fn.name, dict(os.environ)),
                name=f"{self.fn.name}#{self.index}",
                daemon=True,
            )
            self._process.start()
            child.close()
            self._conn = parent
        return self._conn

    def close(self, deadline: float | None = None) -> None:
        """Ends the environment; with a `deadline` (monotonic) shared by many, waits at most until then and
        then kills it, so a stack with dozens of environments stops in seconds even on a loaded machine."""
        self.terminate()
        process, self._process = self._process, None
        if process is not None:
            process.join(timeout=5 if deadline is None else max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(timeout=1)

    def terminate(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None and self._process.is_alive():
            self._process.terminate()


def serve(conn: Connection, code_dir: str, handler_path: str, name: str, environment: dict[str, str]) -> None:
    """The child's loop: import the handler once, then answer each event: (True, result) or (False, error)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the stack, which stops its environments
    os.environ.clear()
    os.environ.update(environment)
    time.tzset()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # log lines reach the stack's output
    sys.path.insert(0, code_dir)
    module_name, attribute = handler_path.rsplit(".", 1)
    collect_less_often()
    handler = getattr(importlib.import_module(module_name), attribute)
    freeze_what_start_up_made()
    while True:
        try:
            event, timeout = conn.recv()
        except (EOFError, OSError):
            return
        context = lambda_context(name, timeout)
        try:
            answer = (True, handler(event, context))
        except Exception:  # noqa: BLE001 - reported to the poller, which fails the batch as Lambda does
            answer = (False, traceback.format_exc())
        conn.send(answer)
