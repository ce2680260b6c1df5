"""In-process `mock_aws` gives boto3 a new default session each time, and a new session's loader reads
and parses every service's model files again (about a tenth of a second a service, several services a test),
and moto's Cognito re-derives the same RSA key for every user pool it creates. Neither changes during a run,
so the test session parses and derives each once. botocore already hands one parsed model to all clients of
a session, so nothing writes to them; the pool key is the one file moto ships for every pool."""

from __future__ import annotations

import functools
from typing import Any

_done: list[str] = []


def share_across_sessions() -> None:
    if _done:
        return
    from botocore import loaders

    for name in ("load_service_model", "load_data", "load_data_with_path"):
        setattr(loaders.Loader, name, _remembered(getattr(loaders.Loader, name)))
    _one_pool_key()
    _done.append("shared")


def _remembered(load: Any) -> Any:
    answers: dict[Any, Any] = {}

    @functools.wraps(load)
    def remembered(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = (tuple(self.search_paths), args, tuple(sorted(kwargs.items())))
        if key not in answers:
            answers[key] = load(self, *args, **kwargs)
        return answers[key]

    return remembered


def _one_pool_key() -> None:
    from joserfc import jwk
    from moto.cognitoidp import models

    imported: dict[str, Any] = {}

    class PoolKeys:
        """moto's `jwk` as its user pools see it: the same key file gives the same key object."""

        class RSAKey:
            @staticmethod
            def import_key(data: Any, *args: Any, **kwargs: Any) -> Any:
                key = repr((data, args, sorted(kwargs.items())))
                if key not in imported:
                    imported[key] = jwk.RSAKey.import_key(data, *args, **kwargs)
                return imported[key]

        def __getattr__(self, name: str) -> Any:
            return getattr(jwk, name)

    models.jwk = PoolKeys()  # type: ignore[attr-defined]
