"""Presence on a ticket: colleagues only, fresh beats only, replying first, leaving is immediate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.errors import NotFound
from helpdesk.tickets.model.presence import PresenceState
from helpdesk.tickets.services.presence import PresenceService

from tests.fakes.tickets.memory_presence import MemoryPresence
from tests.support.tickets import MailSpec, wire

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 12, 7, 9, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


def test_colleagues_see_each_other_within_the_fresh_window_and_never_themselves():
    w = wire()
    ticket_id = w.deliver(MailSpec()).ticket_id
    clock = Clock()
    presence = PresenceService(MemoryPresence(), w.stores.tickets, clock)
    assert presence.beat(ticket_id, "anna@hd.test", "Anna", PresenceState.VIEWING) == []
    others = presence.beat(ticket_id, "Boris@hd.test", "Boris", PresenceState.REPLYING)
    assert [(p.name, p.state) for p in others] == [("Anna", PresenceState.VIEWING)]
    clock.at += timedelta(seconds=5)
    presence.beat(ticket_id, "carl@hd.test", "Carl", PresenceState.VIEWING)
    others = presence.beat(ticket_id, "anna@hd.test", "Anna", PresenceState.VIEWING)
    assert [(p.name, p.state) for p in others] == [
        ("Boris", PresenceState.REPLYING),
        ("Carl", PresenceState.VIEWING),
    ]
    clock.at += timedelta(seconds=10)  # Boris stopped beating 15 s ago: gone; Carl left on purpose
    presence.beat(ticket_id, "carl@hd.test", "Carl", PresenceState.LEFT)
    assert presence.beat(ticket_id, "anna@hd.test", "Anna", PresenceState.VIEWING) == []
    with pytest.raises(NotFound):
        presence.beat("no-such-ticket", "anna@hd.test", "Anna", PresenceState.VIEWING)
