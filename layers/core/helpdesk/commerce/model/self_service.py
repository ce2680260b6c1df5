"""What customers may change on their own licenses, and how often (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

from helpdesk.kernel.errors import Conflict
from helpdesk.licensing.public import CUSTOMER, License

MOVES_PER_YEAR = 2  # a shop moves rarely; more is a conversation with support
MOVE_WINDOW = timedelta(days=365)


class DomainMoveLimitReached(Conflict):
    """The customer moved this license to another domain as often as the policy allows this year."""


def moves_left(license: License, now: datetime) -> int:
    """How many more domain moves the customer may make themselves (staff transfers do not count)."""
    recent = [
        e
        for e in license.history
        if e.action == "transfer" and e.actor == CUSTOMER and now - e.at < MOVE_WINDOW
    ]
    return max(0, MOVES_PER_YEAR - len(recent))


def check_move_allowed(license: License, now: datetime) -> None:
    if moves_left(license, now) == 0:
        raise DomainMoveLimitReached(
            f"a license moves to another domain at most {MOVES_PER_YEAR} times a year"
        )
