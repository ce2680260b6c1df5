"""Keeps the emulator's state across restarts: moto's in-memory backends pickled into .local/."""

from __future__ import annotations

import copyreg
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


def save_state(path: Path, extra: dict[str, Any]) -> None:
    from moto.backends import get_backend

    _register_reducers()
    data = {"backends": {name: dict(get_backend(name)) for name in SERVICES}, "extra": extra}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def load_state(path: Path) -> dict[str, Any]:
    """Restore the backends; returns the extra data saved beside them (e.g. stream checkpoints)."""
    from moto.backends import get_backend

    if not path.is_file():
        return {}
    _register_reducers()
    with path.open("rb") as f:
        data = pickle.load(f)  # noqa: S301 - our own file in a git-ignored folder
    for name, backends in data["backends"].items():
        backend = get_backend(name)
        backend.clear()
        backend.update(backends)
    return data.get("extra", {})
