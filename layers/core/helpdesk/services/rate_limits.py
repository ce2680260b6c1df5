"""Fixed-window attempt limits for sign-in, sign-up and password reset.

Keys are hashes of what the caller typed (e-mail, client address), never of a looked-up user,
so known and unknown accounts get the same answer.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from helpdesk.domain.errors import RateLimited


class AttemptCounter(Protocol):
    def increment(self, key: str, window_start: int, expires_at: int) -> int:
        """Count one attempt for `key` in the window starting at `window_start`; return the window's count."""
        ...


@dataclass(frozen=True)
class Limit:
    attempts: int
    window_seconds: int


DEFAULT_LIMITS: Mapping[str, Limit] = {
    "sign_in": Limit(attempts=10, window_seconds=300),
    "sign_up": Limit(attempts=5, window_seconds=3600),
    "confirm_sign_up": Limit(attempts=10, window_seconds=900),
    "password_reset": Limit(attempts=5, window_seconds=3600),
    "confirm_password_reset": Limit(attempts=10, window_seconds=900),
}
# A client address may try many e-mail addresses: it gets a looser limit of its own. 0 turns it off,
# e.g. behind a proxy that hides client addresses, where every caller would share one.
PER_ADDRESS_FACTOR = 5


class RateLimiter:
    def __init__(
        self,
        counter: AttemptCounter,
        limits: Mapping[str, Limit] = DEFAULT_LIMITS,
        now: Callable[[], float] = time.time,
        per_address_factor: int = PER_ADDRESS_FACTOR,
    ) -> None:
        self._counter = counter
        self._limits = limits
        self._now = now
        self._per_address = per_address_factor

    def check(self, action: str, identifier: str, client_address: str | None = None) -> None:
        """Count an attempt; RateLimited(retry_after) once the identifier or the address is over its limit."""
        limit = self._limits[action]
        self._count(action, "id", identifier.strip().lower(), limit)
        if client_address and self._per_address:
            wider = Limit(limit.attempts * self._per_address, limit.window_seconds)
            self._count(action, "ip", client_address, wider)

    def _count(self, action: str, kind: str, subject: str, limit: Limit) -> None:
        now = int(self._now())
        window_start = now - now % limit.window_seconds
        window_end = window_start + limit.window_seconds
        digest = hashlib.sha256(f"{action}\0{kind}\0{subject}".encode()).hexdigest()
        count = self._counter.increment(f"{action}#{digest}", window_start, window_end + limit.window_seconds)
        if count > limit.attempts:
            raise RateLimited(retry_after=max(1, window_end - now))
