"""The in-memory unit of work: the fakes write at once, so a unit keeps their state on entry and puts it back
when the unit fails, which is what a refused or never-sent transaction leaves. Units take turns (one lock),
so no unit puts back over another's writes; counters and rate limits are not kept, as on DynamoDB."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_TURNS = threading.RLock()


class MemoryUnitOfWork:
    def __init__(self, *stores: object) -> None:
        self._stores = stores

    @contextmanager
    def atomically(self) -> Iterator[object]:
        with _TURNS:
            kept = [_state(store) for store in self._stores]
            try:
                yield self
            except BaseException:
                for store, state in zip(self._stores, kept, strict=True):
                    vars(store).update(state)
                raise


def _state(store: object) -> dict[str, Any]:
    return {name: _copy(value) for name, value in vars(store).items() if isinstance(value, dict | set | list)}


def _copy(value: Any) -> Any:
    """Containers are copied as deep as they nest; what they hold is frozen and shared."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return type(value)(value)
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
