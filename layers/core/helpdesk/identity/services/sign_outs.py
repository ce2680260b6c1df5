"""Sign-out that ends a session on the server too: an ID token is valid for an hour by its signature alone, so
the verifier also refuses tokens of a session that began before the subject's last sign-out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from helpdesk.identity.model import Principal
from helpdesk.identity.ports import SessionRevoker, SignOutRecords

CACHE_SECONDS = 5.0  # how long another Lambda environment may still accept a signed-out session's token


class SignOuts:
    def __init__(
        self,
        records: SignOutRecords,
        revoker: SessionRevoker,
        wall_clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        cache_seconds: float = CACHE_SECONDS,
    ) -> None:
        self._records, self._revoker = records, revoker
        self._wall, self._monotonic, self._ttl = wall_clock, monotonic, cache_seconds
        self._cache: dict[str, tuple[float, int | None]] = {}  # subject -> (read at, signed out at)
        self._lock = threading.Lock()

    def sign_out(self, caller: Principal) -> None:
        """Record the sign-out (every token of a session begun until now stops working) and revoke the
        caller's refresh tokens at the identity provider."""
        self.end_sessions(caller.subject, caller.email or caller.subject)

    def end_sessions(self, subject: str, username: str) -> None:
        """End every session of the subject begun until now (own sign-out, or a deactivation)."""
        at = int(self._wall())
        self._records.record(subject, at)
        with self._lock:
            self._cache[subject] = (self._monotonic(), at)
        self._revoker.revoke_all(username)

    def ended(self, claims: Mapping[str, Any]) -> bool:
        """Whether the token's session began at or before its subject's last sign-out."""
        started = claims.get("auth_time", claims.get("iat"))
        signed_out = self._signed_out_at(str(claims.get("sub", "")))
        return signed_out is not None and isinstance(started, int | float) and started <= signed_out

    def _signed_out_at(self, subject: str) -> int | None:
        now = self._monotonic()
        with self._lock:
            cached = self._cache.get(subject)
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        found = self._records.signed_out_at(subject)
        with self._lock:
            self._cache[subject] = (now, found)
        return found
