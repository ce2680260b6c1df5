"""SignOuts: tokens of a session begun at or before the last sign-out end; other environments learn it within
the cache time; the environment that recorded it at once."""

from __future__ import annotations

import pytest
from helpdesk.identity.model import Principal
from helpdesk.identity.services.sign_outs import SignOuts

pytestmark = pytest.mark.unit


class Records:
    def __init__(self) -> None:
        self.times: dict[str, int] = {}
        self.reads = 0

    def signed_out_at(self, subject: str) -> int | None:
        self.reads += 1
        return self.times.get(subject)

    def record(self, subject: str, at: int) -> None:
        self.times[subject] = max(at, self.times.get(subject, 0))


class Revoker:
    def __init__(self) -> None:
        self.revoked: list[str] = []

    def revoke_all(self, username: str) -> None:
        self.revoked.append(username)


class Clock:
    def __init__(self) -> None:
        self.wall, self.mono = 1_796_000_000.5, 3.0  # a monotonic clock near zero: a fresh machine

    def tick(self, seconds: float) -> None:
        self.wall += seconds
        self.mono += seconds


ALICE = Principal("sub-alice", "alice@acme.example")


def sign_outs(records: Records, clock: Clock, revoker: Revoker | None = None) -> SignOuts:
    return SignOuts(records, revoker or Revoker(), lambda: clock.wall, lambda: clock.mono, cache_seconds=5)


def test_a_session_begun_before_or_in_the_second_of_sign_out_ends_and_a_later_one_lives() -> None:
    records, clock, revoker = Records(), Clock(), Revoker()
    here = sign_outs(records, clock, revoker)
    began = int(clock.wall)
    assert not here.ended({"sub": "sub-alice", "auth_time": began})

    here.sign_out(ALICE)

    assert here.ended({"sub": "sub-alice", "auth_time": began})  # same second, no cache wait
    assert here.ended({"sub": "sub-alice", "iat": began - 100})  # no auth_time: the issue time counts
    assert not here.ended({"sub": "sub-alice", "auth_time": began + 1})
    assert not here.ended({"sub": "sub-bob", "auth_time": began})
    assert revoker.revoked == ["alice@acme.example"]


def test_another_environment_learns_of_the_sign_out_within_the_cache_time() -> None:
    records, clock = Records(), Clock()
    there = sign_outs(records, clock)
    token = {"sub": "sub-alice", "auth_time": int(clock.wall)}
    assert not there.ended(token)
    sign_outs(records, clock).sign_out(ALICE)

    clock.tick(4.9)
    assert not there.ended(token) and records.reads == 1  # cached: one read per subject per 5 s
    clock.tick(0.2)
    assert there.ended(token) and records.reads == 2
