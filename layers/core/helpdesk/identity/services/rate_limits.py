"""Sliding-window attempt limits for sign-in, sign-up, password reset and license checks (kernel/rates.py).

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
from helpdesk.kernel.rates import SlidingWindow


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
        for key, window in self._windows(action, identifier, client_address):
            count = self._counter.increment(key, window.start, _expiry(window))
            _raise_if_over(window, count, self._counter.current(key, window.previous_start))

    def ensure_allowed(self, action: str, identifier: str, client_address: str | None = None) -> None:
        """RateLimited once recorded failures reach the limit; counts nothing (see record_failure)."""
        for key, window in self._windows(action, identifier, client_address):
            recorded = self._counter.current(key, window.start)
            previous = self._counter.current(key, window.previous_start)
            if not window.allows(recorded + 1, previous):
                raise RateLimited(retry_after=window.retry_after(recorded, previous))

    def record_failure(self, action: str, identifier: str, client_address: str | None = None) -> None:
        """For actions where only failures count (sign-in: people may sign in as often as they like)."""
        for key, window in self._windows(action, identifier, client_address):
            self._counter.increment(key, window.start, _expiry(window))

    def _windows(self, action: str, identifier: str, client_address: str | None) -> list[_Keyed]:
        limit, now = self._limits[action], int(self._now())
        subject = identifier.strip().lower()
        windows = [(_key(action, "id", subject), SlidingWindow(limit.attempts, limit.window_seconds, now))]
        if client_address and self._per_address:
            wider = SlidingWindow(limit.attempts * self._per_address, limit.window_seconds, now)
            windows.append((_key(action, "ip", client_address), wider))
        return windows


_Keyed = tuple[str, SlidingWindow]


def _key(action: str, kind: str, subject: str) -> str:
    return f"{action}#" + hashlib.sha256(f"{action}\0{kind}\0{subject}".encode()).hexdigest()


def _expiry(window: SlidingWindow) -> int:
    # Kept one window longer than it counts: the next window weighs it.
    return window.end + window.seconds


def _raise_if_over(window: SlidingWindow, count: int, previous: int) -> None:
    if not window.allows(count, previous):
        raise RateLimited(retry_after=window.retry_after(count, previous))
