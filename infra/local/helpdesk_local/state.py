"""Keeps the emulator's state across restarts: moto's in-memory backends pickled into .local/.

S3 object bodies are kept out of the pickle, each once in `blobs/` by content hash: a snapshot costs the size
of the metadata, not of every mail and attachment ever stored (a snapshot is taken for every acknowledged
write: durability.py)."""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import threading
from pathlib import Path
from typing import Any

SERVICES = [
    "dynamodb",
    "dynamodbstreams",
    "sqs",
    "s3",
    "cognitoidp",
    "sns",
    "ses",
    "sesv2",
    "stepfunctions",
    "cloudwatch",
    "events",
    "iam",
    "logs",
    "secretsmanager",
    "opensearch",
]  # ssm: see LocalStack._ensure_secrets


def _new_rlock() -> Any:
    return threading.RLock()


def _new_lock() -> Any:
    return threading.Lock()


def _load_private_key(pem: bytes) -> Any:
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_private_key(pem, None)


def _register_reducers() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    copyreg.pickle(type(threading.RLock()), lambda _: (_new_rlock, ()))
    copyreg.pickle(type(threading.Lock()), lambda _: (_new_lock, ()))
    key_type = type(rsa.generate_private_key(public_exponent=65537, key_size=1024))
    copyreg.pickle(
        key_type,
        lambda k: (
            _load_private_key,
            (
                k.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                ),
            ),
        ),
    )


class BlobStore:
    """S3 object bodies by content hash, written once; what no snapshot names any more is swept."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.named: set[str] = set()  # the bodies the snapshot being taken refers to

    def put(self, key: Any) -> str:
        cached = getattr(key, "_durable_blob", None)
        fingerprint = (id(key._value_buffer), key.contentsize, key._etag)
        if cached is not None and cached[0] == fingerprint:
            name = str(cached[1])
        else:
            value = key.value
            name = hashlib.sha256(value).hexdigest()
            path = self.directory / name
            if not path.exists():
                self.directory.mkdir(parents=True, exist_ok=True)
                write_atomically(path, value)
            key._durable_blob = (fingerprint, name)
        self.named.add(name)
        return name

    def sweep(self) -> None:
        """After a snapshot is in place: the bodies only older snapshots named go."""
        if self.directory.is_dir():
            for path in self.directory.iterdir():
                if path.name not in self.named and not path.name.endswith(".tmp"):
                    path.unlink(missing_ok=True)


_blobs: BlobStore | None = None  # set while a snapshot is taken or restored


def _key_state(key: Any) -> dict[str, Any]:
    return {k: v for k, v in key.__dict__.items() if k not in ("_value_buffer", "lock", "_durable_blob")}


def _reduce_key(key: Any) -> Any:
    assert _blobs is not None
    return (_restore_key, (type(key), _blobs.put(key), _key_state(key)))


def _restore_key(cls: Any, blob: str, state: dict[str, Any]) -> Any:
    assert _blobs is not None
    key = cls.__new__(cls)
    key.__setstate__({**state, "value": (_blobs.directory / blob).read_bytes()})
    return key


def write_atomically(path: Path, data: bytes) -> None:
    """Whole or not at all: a kill during the write leaves the previous file. No fsync: the guarantee is
    against the process dying (kill -9, OOM), not the machine; the kernel keeps what was written."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        f.write(data)
    os.replace(tmp, path)


def snapshot(extra: dict[str, Any], blobs: BlobStore) -> bytes:
    """The backends and `extra` as one pickle, S3 bodies into `blobs`; callers keep requests out meanwhile."""
    from moto.backends import get_backend
    from moto.s3.models import FakeKey

    global _blobs
    _register_reducers()
    _blobs, blobs.named = blobs, set()
    iterators = _set_aside_shard_iterators()
    try:
        data = {"backends": {name: dict(get_backend(name)) for name in SERVICES}, "extra": dict(extra)}
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        # Only this pickler stores bodies aside: moto's own copies of keys (deepcopy) stay as they are.
        pickler.dispatch_table = {**copyreg.dispatch_table, FakeKey: _reduce_key}
        pickler.dump(data)
        return out.getvalue()
    finally:
        _blobs = None
        for backend, kept in iterators:
            backend.shard_iterators = kept


# moto keeps every DynamoDB stream shard iterator it ever handed out; the stream pollers ask for a fresh one
# each step, so within an hour tens of thousands made every snapshot ten times larger (and slower) than the
# data. Iterators are short-lived handles (AWS expires them after 15 minutes; a poller asks again), so a
# snapshot leaves them out and only the newest few stay in memory.
LIVE_SHARD_ITERATORS = 1000


def _set_aside_shard_iterators() -> list[tuple[Any, dict[str, Any]]]:
    from moto.dynamodbstreams.models import dynamodbstreams_backends

    aside = []
    for _, _, backend in dynamodbstreams_backends.iter_backends():
        kept = dict(list(backend.shard_iterators.items())[-LIVE_SHARD_ITERATORS:])
        aside.append((backend, kept))
        backend.shard_iterators = {}
    return aside


def blob_dir(path: Path) -> Path:
    return path.parent / "blobs"


def save_state(path: Path, extra: dict[str, Any]) -> None:
    blobs = BlobStore(blob_dir(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, snapshot(extra, blobs))
    blobs.sweep()


def load_state(path: Path) -> dict[str, Any]:
    """Restore the backends; returns the extra data saved beside them (e.g. stream checkpoints)."""
    from moto.backends import get_backend

    global _blobs
    if not path.is_file():
        return {}
    _register_reducers()
    _blobs = BlobStore(blob_dir(path))
    try:
        with path.open("rb") as f:
            data = pickle.load(f)  # noqa: S301 - our own file in a git-ignored folder
    finally:
        _blobs = None
    for name, backends in data["backends"].items():
        backend = get_backend(name)
        backend.clear()
        backend.update(backends)
    _return_in_flight_messages()
    return data.get("extra", {})


def _return_in_flight_messages() -> None:
    """A message received but not deleted before the stop belonged to a consumer that is gone: it is visible
    again at once, as when a Lambda environment dies, instead of after the queue's visibility timeout."""
    from moto.sqs.models import sqs_backends

    for regions in sqs_backends.values():
        for backend in regions.values():
            for queue in backend.queues.values():
                for message in queue._messages:
                    message.visible_at = 0.0
                queue._pending_messages.clear()
