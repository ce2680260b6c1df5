"""The in-memory DeskStore, held to the same contract suite as DynamoDesk."""

from __future__ import annotations

from datetime import datetime

from helpdesk.tickets.model.desk import SHARED_OWNER, SavedView, SpamSender, TimeEntry, TimeFacet


class MemoryDesk:
    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], datetime] = {}
        self._views: dict[tuple[str, str], SavedView] = {}
        self._time: dict[str, TimeEntry] = {}
        self._spam: dict[str, SpamSender] = {}

    def mark_seen(self, agent: str, ticket_id: str, at: datetime) -> None:
        self._seen[(agent.lower(), ticket_id)] = at

    def seen(self, agent: str, ticket_ids: list[str]) -> dict[str, datetime]:
        found = {t: self._seen.get((agent.lower(), t)) for t in ticket_ids}
        return {t: at for t, at in found.items() if at is not None}

    def save_view(self, view: SavedView) -> None:
        self._views[(view.owner, view.id)] = view

    def delete_view(self, owner: str, view_id: str) -> None:
        self._views.pop((owner, view_id), None)

    def views(self, owner: str) -> list[SavedView]:
        return [v for (o, _), v in self._views.items() if o in (owner, SHARED_OWNER)]

    def add_time(self, entry: TimeEntry) -> bool:
        if (entry.ticket_id, entry.id) in {(e.ticket_id, e.id) for e in self._time.values()}:
            return False
        self._time[f"{entry.ticket_id}#{entry.id}"] = entry
        return True

    def time_for(self, facet: TimeFacet, key: str) -> list[TimeEntry]:
        def key_of(e: TimeEntry) -> str | None:
            if facet is TimeFacet.TICKET:
                return e.ticket_id
            return e.customer_id if facet is TimeFacet.CUSTOMER else e.agent.lower()

        wanted = key.lower() if facet is TimeFacet.AGENT else key
        return sorted((e for e in self._time.values() if key_of(e) == wanted), key=lambda e: e.logged_at)

    def block(self, entry: SpamSender) -> None:
        self._spam[entry.address.lower()] = entry

    def unblock(self, address: str) -> None:
        self._spam.pop(address.lower(), None)

    def blocked(self) -> list[SpamSender]:
        return list(self._spam.values())
