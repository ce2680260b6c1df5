"""A ticket's SLA at one moment: the policy, both clocks, and the instant the board sorts it by."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from helpdesk.sla.model.clocks import TargetClock


@dataclass(frozen=True)
class SlaSnapshot:
    ticket_id: str
    policy_id: str
    policy_name: str
    first_response: TargetClock
    resolution: TargetClock

    @property
    def breached(self) -> bool:
        return self.first_response.breached or self.resolution.breached

    @property
    def watch_at(self) -> datetime | None:
        """When the board should next look at it: the earliest due of a target still waiting for someone
        (None: nothing runs and nothing missed waits, so it leaves the board)."""
        dues = [
            c.due for c in (self.first_response, self.resolution) if c.due is not None and not c.fulfilled
        ]
        return min(dues) if dues else None

    def missed(self) -> list[tuple[str, TargetClock]]:
        clocks = (("first_response", self.first_response), ("resolution", self.resolution))
        return [(name, c) for name, c in clocks if c.breached and not c.fulfilled]


@dataclass(frozen=True)
class BoardEntry:
    """A ticket on the SLA board: due (or missed) at `watch_at`."""

    ticket_id: str
    watch_at: datetime


@dataclass(frozen=True)
class AutoCloseRule:
    """Solved tickets close after this many days (per mailbox, else the default); 0 turns it off."""

    default_days: int = 4
    mailboxes: dict[str, int] = field(default_factory=dict)

    def days_for(self, mailbox: str) -> int:
        return self.mailboxes.get(mailbox, self.default_days)
