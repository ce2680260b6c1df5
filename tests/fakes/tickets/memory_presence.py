from __future__ import annotations

from helpdesk.tickets.model.presence import Presence


class MemoryPresence:
    def __init__(self) -> None:
        self._beats: dict[tuple[str, str], Presence] = {}

    def beat(self, presence: Presence) -> None:
        self._beats[(presence.ticket_id, presence.email)] = presence

    def on_ticket(self, ticket_id: str) -> list[Presence]:
        return [p for (t, _), p in self._beats.items() if t == ticket_id]
