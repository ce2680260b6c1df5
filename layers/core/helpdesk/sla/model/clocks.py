"""SLA clocks (pure): from a ticket's status history, when each target is due and whether it was missed.

A target's clock runs while the ticket is new or open, pauses while it is pending (waiting for the
customer), and stops when the target is fulfilled (the first staff reply; solved or closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from helpdesk.sla.model.hours import BusinessCalendar, add_business_seconds, business_seconds

RUNNING_STATUSES = frozenset({"new", "open"})
DONE_STATUSES = frozenset({"solved", "closed"})


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"


@dataclass(frozen=True)
class StatusSpan:
    status: str
    start: datetime


@dataclass(frozen=True)
class ClockInputs:
    """What a ticket's clocks are measured from, read at one version of the ticket: its statuses over time and
    its first staff reply. Kept per ticket, so a list measures many tickets without reading each one's
    history and messages; valid while the ticket is still at `version`."""

    ticket_id: str
    version: int
    spans: tuple[StatusSpan, ...]
    first_reply_at: datetime | None = None


@dataclass(frozen=True)
class TargetClock:
    state: ClockState
    due: datetime | None  # running: when it falls due; breached: when it fell due; else None
    remaining_seconds: float  # business seconds left (0 once breached)
    fulfilled: bool  # replied (first response) or solved: the target no longer waits for anyone

    @property
    def breached(self) -> bool:
        return self.state is ClockState.BREACHED


def target_clock(
    calendar: BusinessCalendar,
    target_seconds: float,
    spans: list[StatusSpan],
    now: datetime,
    fulfilled_at: datetime | None = None,
) -> TargetClock:
    """`spans` are the ticket's statuses in time order (the first is its status when created)."""
    stop = min(fulfilled_at, now) if fulfilled_at else now
    used, due, running = 0.0, None, False
    for n, span in enumerate(spans):
        if n and (span.start > stop or (fulfilled_at and span.start >= stop)):
            break
        nxt = spans[n + 1].start if n + 1 < len(spans) else None
        if nxt is not None and nxt <= stop:
            end: datetime | None = nxt
        else:
            end = stop if fulfilled_at else None  # None: still going now
        if span.status not in RUNNING_STATUSES:
            continue
        if due is None:
            candidate = add_business_seconds(calendar, span.start, target_seconds - used)
            if end is None or candidate < end:
                due = candidate
        running = end is None
        used += business_seconds(calendar, span.start, end or now)
    finished = fulfilled_at is not None or (spans and spans[-1].status in DONE_STATUSES)
    breached = due is not None and due <= now
    remaining = max(0.0, target_seconds - used)
    if breached:
        return TargetClock(ClockState.BREACHED, due, 0.0, bool(finished))
    if finished:
        return TargetClock(ClockState.MET, None, remaining, True)
    if running:
        return TargetClock(ClockState.RUNNING, due, remaining, False)
    return TargetClock(ClockState.PAUSED, None, remaining, False)
