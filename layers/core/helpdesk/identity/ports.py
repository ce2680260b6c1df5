"""The identity context's ports: every interface its services need."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from helpdesk.identity.model import StaffMember


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


class StaffDirectory(Protocol):
    def members(self) -> list[StaffMember]:
        """Every user in a staff group (each once), sorted by name."""
        ...
