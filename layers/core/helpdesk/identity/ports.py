"""The identity context's ports: every interface its services need."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class JwksSource(Protocol):
    def fetch(self) -> Mapping[str, Any]:
        """The pool's JSON Web Key Set, `{"keys": [...]}`; raises on any transport failure."""
        ...


class AttemptCounter(Protocol):
    def increment(self, key: str, window_start: int, expires_at: int) -> int:
        """Count one attempt for `key` in the window starting at `window_start`; return the window's count."""
        ...

    def current(self, key: str, window_start: int) -> int:
        """The window's count so far, counting nothing."""
        ...
