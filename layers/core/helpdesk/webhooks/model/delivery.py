"""One event to one subscription: its attempts, its state and when it is tried next."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

# Seconds after the previous attempt, as Svix and Stripe space them: seconds, minutes, hours; ~3 days in all.
RETRY_SCHEDULE = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 72000)
EXCERPT_BYTES = 1024


@dataclass(frozen=True)
class Attempt:
    at: datetime
    status: int | None  # the HTTP status, None when no answer came (timeout, refused, DNS)
    latency_ms: int
    excerpt: str  # the answer's first bytes, or the error
    replay: bool = False

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class Delivery:
    id: str
    subscription_id: str
    event_id: str  # also the `webhook-id` header: the same on every retry and replay
    event_type: str
    body: str  # the signed payload, exactly as sent
    created_at: datetime
    state: str = "pending"  # pending, delivered, failed (retries exhausted or subscription disabled)
    attempts: tuple[Attempt, ...] = ()
    next_attempt_at: datetime | None = None

    def recorded(self, attempt: Attempt, now: datetime, scale: float, rng: random.Random) -> Delivery:
        """Adds an attempt; schedules the next one unless it succeeded or the schedule is used up."""
        attempts = (*self.attempts, attempt)
        if attempt.ok:
            return replace(self, attempts=attempts, state="delivered", next_attempt_at=None)
        failures = _failures_since_last_replay(attempts)
        if failures > len(RETRY_SCHEDULE):
            return replace(self, attempts=attempts, state="failed", next_attempt_at=None)
        wait = retry_delay(failures, scale, rng)
        return replace(self, attempts=attempts, state="pending", next_attempt_at=now + wait)

    def replayed(self) -> Delivery:
        return replace(self, state="pending", next_attempt_at=None)


def retry_delay(failures: int, scale: float, rng: random.Random) -> timedelta:
    """The wait after the `failures`-th failed attempt, +-20% jitter; `scale` compresses it (local stack)."""
    base = RETRY_SCHEDULE[min(failures, len(RETRY_SCHEDULE)) - 1]
    return timedelta(seconds=base * scale * rng.uniform(0.8, 1.2))


def delivery_id(event_id: str, subscription_id: str) -> str:
    """One delivery per (event, subscription), however often the event is fanned out."""
    return "dlv_" + hashlib.sha256(f"{event_id}|{subscription_id}".encode()).hexdigest()[:24]


def excerpt(body: bytes) -> str:
    return body[:EXCERPT_BYTES].decode("utf-8", errors="replace")


def _failures_since_last_replay(attempts: tuple[Attempt, ...]) -> int:
    count = 0
    for attempt in reversed(attempts):
        count += 1
        if attempt.replay:
            break
    return count
