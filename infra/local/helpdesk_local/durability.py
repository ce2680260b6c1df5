"""What the stack acknowledged survives `kill -9`: it is in a snapshot on disk before it is acknowledged.

Snapshots are consistent cuts: requests hold a shared permit, a snapshot an exclusive one (an SQS long poll
gives its permit back while it waits). Acknowledged outside the stack, and so answered only after a snapshot
that began once it was done (group commit: writes that wait together share one): a write on the emulator's
public port, the SMTP `250`, a write answered by the HTTP front. The stack's own callers (functions,
pollers, workflows) use the internal port and wait for nothing; the next snapshot, at most `idle_every` s
later while anything changed, takes their writes, and a lost consumer delete or checkpoint only means a
redelivery. docs/local-stack.md, "State".
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from helpdesk_local.state import BlobStore, blob_dir, snapshot, write_atomically

log = logging.getLogger("helpdesk.local")
READ_PREFIXES = ("Get", "List", "Describe", "Query", "Scan", "BatchGet", "Head", "Search", "AdminGet")
# An SQS consumer's bookkeeping: at-least-once delivery already allows its loss (a redelivery). A receive
# changes only visibility, so it counts as a read: it does not make the next periodic snapshot due.
CONSUMER_ACTIONS = {
    "DeleteMessage",
    "DeleteMessageBatch",
    "ChangeMessageVisibility",
    "ChangeMessageVisibilityBatch",
}


class RequestGate:
    """Many requests at once, or one snapshot alone; a waiting snapshot holds new requests back."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._active = 0
        self._exclusive = False
        self._inside = threading.local()

    @contextmanager
    def request(self) -> Iterator[None]:
        self._enter()
        self._inside.held = True
        try:
            yield
        finally:
            self._inside.held = False
            self._leave()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Around a wait inside a request (a long poll): a snapshot may be taken meanwhile."""
        held = getattr(self._inside, "held", False)
        if held:
            self._leave()
        try:
            yield
        finally:
            if held:
                self._enter()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._exclusive = True
            self._cond.wait_for(lambda: self._active == 0)
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()

    def _enter(self) -> None:
        with self._cond:
            self._cond.wait_for(lambda: not self._exclusive)
            self._active += 1

    def _leave(self) -> None:
        with self._cond:
            self._active -= 1
            self._cond.notify_all()


class Committer(threading.Thread):
    """Takes snapshots into `path`: when a writer waits in `commit()`, and every `idle_every` s if changed."""

    def __init__(
        self,
        path: Path,
        extra: dict[str, Any],
        gate: RequestGate,
        idle_every: float = 2.0,
        prune: Callable[[], object] = lambda: None,
    ) -> None:
        super().__init__(name="durable-state", daemon=True)
        self.path, self.extra, self.gate, self.idle_every = path, extra, gate, idle_every
        self.prune = prune  # drops what no reader needs any more, with every request held out
        self.blobs = BlobStore(blob_dir(path))
        self._cond = threading.Condition()
        self._asked = self._begun = self._done = 0
        self._dirty = False
        self._closed = False
        self.snapshots = 0
        self.seconds = 0.0

    def changed(self) -> None:
        self._dirty = True

    def commit(self) -> None:
        """Returns once a snapshot that began after this call is on disk."""
        with self._cond:
            target = self._begun + 1
            self._asked = max(self._asked, target)
            self._cond.notify_all()
            self._cond.wait_for(lambda: self._done >= target or self._closed)

    def close(self) -> None:
        """A last snapshot, then no more (the graceful stop)."""
        with self._cond:
            self._asked = self._begun + 1
            self._cond.notify_all()
            self._cond.wait_for(lambda: self._done >= self._asked, timeout=30)
            self._closed = True
            self._cond.notify_all()

    def run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(
                    lambda: self._asked > self._begun or self._closed, timeout=self.idle_every
                )
                if self._closed:
                    return
                if self._asked <= self._begun and not self._dirty:
                    continue
                self._begun += 1
                number = self._begun
            try:
                self._take()
            except Exception:  # noqa: BLE001 - a failed snapshot is retried by the next one; never lose the thread
                log.exception("snapshot of the local state failed")
                time.sleep(0.2)
                with self._cond:
                    self._begun -= 1  # the waiters still need one
                continue
            with self._cond:
                self._done = number
                self._cond.notify_all()

    def _take(self) -> None:
        began = time.monotonic()
        self._dirty = False
        for attempt in range(5):
            try:
                with self.gate.exclusive():
                    self.prune()
                    data = snapshot(self.extra, self.blobs)
                break
            except RuntimeError:  # a thread outside requests (a workflow, a poller) changed a dict meanwhile
                if attempt == 4:
                    raise
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, data)
        self.blobs.sweep()
        self.snapshots += 1
        self.seconds += time.monotonic() - began


def classify(environ: dict[str, Any]) -> str:
    """ "write": answering it acknowledges a change the caller may rely on; "consumer": an SQS consumer's
    bookkeeping; "read"."""
    if environ["REQUEST_METHOD"].upper() in ("GET", "HEAD", "OPTIONS"):
        return "read"
    action = _action(environ)
    if action is None:
        return "write"  # REST writes (S3 PUT, POST, DELETE): unknown means yes
    if action in CONSUMER_ACTIONS:
        return "consumer"
    return "read" if action.startswith(READ_PREFIXES) or action == "ReceiveMessage" else "write"


def _action(environ: dict[str, Any]) -> str | None:
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return str(target).rsplit(".", 1)[-1]
    found = parse_qs(environ.get("QUERY_STRING", "")).get("Action")
    if found:
        return found[0]
    if str(environ.get("CONTENT_TYPE", "")).startswith("application/x-www-form-urlencoded"):
        import io

        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)  # moto reads it again
        found = parse_qs(body.decode("utf-8", "replace")).get("Action")
        return found[0] if found else None
    return None


class DurableApp:
    """The emulator's WSGI app behind the gate. On the external port a write is answered after its snapshot
    once `acknowledging` (start-up's own writes are snapshotted once at its end). The stack's own callers use
    the internal port and wait for nothing: a snapshot is a consistent cut, so one that holds a consumer's
    delete or checkpoint holds the writes made before it, and the stack's own answers commit themselves
    (CommitAfterWrites, the SMTP server)."""

    def __init__(self, app: Any, gate: RequestGate, committer: Committer, external: bool) -> None:
        self.app, self.gate, self.committer, self.external = app, gate, committer, external
        self.acknowledging = False

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "").startswith("/moto-api"):
            return self.app(environ, start_response)  # type: ignore[no-any-return]
        kind = classify(environ)
        if kind == "read":
            with self.gate.request():
                return self.app(environ, start_response)  # type: ignore[no-any-return]
        answer: list[Any] = []
        with self.gate.request():
            body = b"".join(self.app(environ, lambda *args: answer.append(args)))
        self.committer.changed()
        if kind == "write" and self.external and self.acknowledging and _succeeded(answer[0][0]):
            self.committer.commit()
        start_response(*answer[0])
        return [body]


def _succeeded(status: str) -> bool:
    return str(status).startswith(("2", "3"))


class CommitAfterWrites:
    """Around the stack's own HTTP front (APIs, sign-in, payment page): a write's 2xx/3xx is sent once every
    change made for it is on disk."""

    def __init__(self, app: Any, committer: Committer) -> None:
        self.app, self.committer = app, committer

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"].upper() in ("GET", "HEAD", "OPTIONS"):
            return self.app(environ, start_response)  # type: ignore[no-any-return]
        answer: list[Any] = []
        body = b"".join(self.app(environ, lambda *args: answer.append(args)))
        if _succeeded(answer[0][0]) and self.committer.is_alive():
            self.committer.commit()
        start_response(*answer[0])
        return [body]


def release_gate_in_long_polls(gate: RequestGate) -> None:
    """moto's ReceiveMessage waits for messages inside the request; a snapshot must not wait for it."""
    from moto.sqs.models import Queue

    if getattr(Queue.wait_for_messages, "releases_gate", False):
        return

    wait = Queue.wait_for_messages

    def wait_for_messages(self: Any, timeout: int) -> None:
        with gate.paused():
            wait(self, timeout)

    wait_for_messages.releases_gate = True  # type: ignore[attr-defined]
    Queue.wait_for_messages = wait_for_messages  # type: ignore[method-assign]


class Durable:
    """The emulator's durability as the stack uses it: wrap moto's app, acknowledge after start-up, close."""

    def __init__(self, path: Path, extra: dict[str, Any], prune: Callable[[], object] = lambda: None) -> None:
        self.gate = RequestGate()
        self.committer = Committer(path, extra, self.gate, prune=prune)
        self.apps: list[DurableApp] = []

    def wrap(self, app: Any, external: bool) -> DurableApp:
        release_gate_in_long_polls(self.gate)
        self.apps.append(DurableApp(app, self.gate, self.committer, external))
        return self.apps[-1]

    def front(self, app: Any) -> CommitAfterWrites:
        return CommitAfterWrites(app, self.committer)

    def commit(self) -> None:
        if self.committer.is_alive():
            self.committer.commit()

    def acknowledge(self) -> None:
        self.committer.start()
        self.committer.commit()  # what start-up restored, provisioned and loaded
        for app in self.apps:
            app.acknowledging = True

    def close(self) -> None:
        if self.committer.is_alive():
            self.committer.close()
        log.info("local state: %s", self.describe())

    def describe(self) -> str:
        c = self.committer
        average = c.seconds / c.snapshots * 1000 if c.snapshots else 0.0
        return json.dumps({"snapshots": c.snapshots, "average_ms": round(average, 1)})
