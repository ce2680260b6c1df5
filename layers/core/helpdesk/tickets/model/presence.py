"""Who else has a ticket open: "Boris is viewing / is replying". A heartbeat every few seconds; a beat older
than `FRESH` means the person left (closed the tab, lost the network)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

FRESH = timedelta(seconds=12)


class PresenceState(StrEnum):
    VIEWING = "viewing"
    REPLYING = "replying"
    LEFT = "left"


@dataclass(frozen=True)
class Presence:
    ticket_id: str
    email: str
    name: str
    state: PresenceState
    at: datetime

    def fresh(self, now: datetime) -> bool:
        return self.state is not PresenceState.LEFT and now - self.at <= FRESH


def others_present(beats: list[Presence], me: str, now: datetime) -> list[Presence]:
    """Colleagues on the ticket now, replying ones first (they are the collision risk)."""
    others = [p for p in beats if p.email.lower() != me.lower() and p.fresh(now)]
    return sorted(others, key=lambda p: (p.state is not PresenceState.REPLYING, p.name or p.email))
