"""Who is acting in this request (a staff e-mail), so a history can name them without every use case
passing it along. The API's route wrapper sets it; work done without a caller is the system's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar[str] = ContextVar("actor", default="system")


def current_actor() -> str:
    return _actor.get()


@contextmanager
def acting_as(who: str | None) -> Iterator[None]:
    token = _actor.set(who or "system")
    try:
        yield
    finally:
        _actor.reset(token)
