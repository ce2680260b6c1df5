"""Fixed-window attempt limits for sign-in, sign-up and password reset.

Keys are hashes of what the caller typed (e-mail, client address), never of a looked-up user,
so known and unknown accounts get the same answer.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from helpdesk.identity.ports import AttemptCounter
from helpdesk.kernel.errors import RateLimited


@dataclass(frozen=True)
class Limit:
    attempts: int
    window_seconds: int


DEFAULT_LIMITS: Mapping[str, Limit] = {
    "sign_in": Limit(attempts=10, window_seconds=300),  # failed sign-ins only
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
        for window in self._windows(action, identifier, client_address):
            window.raise_if_over(self._counter.increment(window.key, window.start, window.expires_at))

    def ensure_allowed(self, action: str, identifier: str, client_address: str | None = None) -> None:
        """RateLimited once recorded failures reach the limit; counts nothing (see record_failure)."""
        for window in self._windows(action, identifier, client_address):
            window.raise_if_over(self._counter.current(window.key, window.start) + 1)

    def record_failure(self, action: str, identifier: str, client_address: str | None = None) -> None:
        """For actions where only failures count (sign-in: people may sign in as often as they like)."""
        for window in self._windows(action, identifier, client_address):
            self._counter.increment(window.key, window.start, window.expires_at)

    def _windows(self, action: str, identifier: str, client_address: str | None) -> list[_Window]:
        limit, now = self._limits[action], int(self._now())
        windows = [_Window.of(action, "id", identifier.strip().lower(), limit, now)]
        if client_address and self._per_address:
            wider = Limit(limit.attempts * self._per_address, limit.window_seconds)
            windows.append(_Window.of(action, "ip", client_address, wider, now))
        return windows


@dataclass(frozen=True)
class _Window:
    key: str
    start: int
    expires_at: int
    attempts: int
    retry_after: int

    @classmethod
    def of(cls, action: str, kind: str, subject: str, limit: Limit, now: int) -> _Window:
        start = now - now % limit.window_seconds
        end = start + limit.window_seconds
        digest = hashlib.sha256(f"{action}\0{kind}\0{subject}".encode()).hexdigest()
        return cls(f"{action}#{digest}", start, end + limit.window_seconds, limit.attempts, max(1, end - now))

    def raise_if_over(self, count: int) -> None:
        if count > self.attempts:
            raise RateLimited(retry_after=self.retry_after)
