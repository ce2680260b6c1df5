"""The desk's items in the `helpdesk` table: `SEEN#<agent>`, `VIEWS#<owner>`, `TIME#<ticket>` (also listed
per customer on gsi1 and per agent on gsi2) and the spam list under `SPAM`."""

from __future__ import annotations

from datetime import datetime

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, put_new
from helpdesk.tickets.model.desk import SHARED_OWNER, SavedView, SpamSender, TimeEntry, TimeFacet

_SEEN, _VIEWS, _SPAM = "SEEN#", "VIEWS#", "SPAM"


class DynamoDesk:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def mark_seen(self, agent: str, ticket_id: str, at: datetime) -> None:
        self._m(f"{_SEEN}{agent.lower()}", f"TICKET#{ticket_id}", entity="seen", data=at.isoformat()).save()

    def seen(self, agent: str, ticket_ids: list[str]) -> dict[str, datetime]:
        keys = [(f"{_SEEN}{agent.lower()}", f"TICKET#{t}") for t in dict.fromkeys(ticket_ids)]
        if not keys:
            return {}
        return {
            i.sk.removeprefix("TICKET#"): datetime.fromisoformat(i.data or "")
            for i in self._m.batch_get(keys)
        }

    def save_view(self, view: SavedView) -> None:
        self._m(f"{_VIEWS}{view.owner}", f"VIEW#{view.id}", entity="saved_view", data=dumps(view)).save()

    def delete_view(self, owner: str, view_id: str) -> None:
        self._m(f"{_VIEWS}{owner}", f"VIEW#{view_id}").delete()

    def views(self, owner: str) -> list[SavedView]:
        found: list[SavedView] = []
        for key in dict.fromkeys((owner, SHARED_OWNER)):
            found += [loads(SavedView, i.data or "{}") for i in self._m.query(f"{_VIEWS}{key}")]
        return found

    def add_time(self, entry: TimeEntry) -> bool:
        sort = f"{entry.logged_at.isoformat()}#{entry.id}"
        item = self._m(
            f"TIME#{entry.ticket_id}",
            f"TIME#{entry.id}",  # the id alone: a retry with the same token finds it taken
            entity="time_entry",
            data=dumps(entry),
            gsi1pk=f"TIMECUSTOMER#{entry.customer_id}" if entry.customer_id else None,
            gsi1sk=sort if entry.customer_id else None,
            gsi2pk=f"TIMEAGENT#{entry.agent.lower()}",
            gsi2sk=sort,
        )
        return put_new(self._m, item)

    def time_for(self, facet: TimeFacet, key: str) -> list[TimeEntry]:
        if facet is TimeFacet.TICKET:
            items = self._m.query(f"TIME#{key}", consistent_read=True)
        elif facet is TimeFacet.CUSTOMER:
            items = self._m.gsi1.query(f"TIMECUSTOMER#{key}")
        else:
            items = self._m.gsi2.query(f"TIMEAGENT#{key.lower()}")
        return [loads(TimeEntry, i.data or "{}") for i in items]

    def block(self, entry: SpamSender) -> None:
        self._m(_SPAM, f"SENDER#{entry.address}", entity="spam_sender", data=dumps(entry)).save()

    def unblock(self, address: str) -> None:
        self._m(_SPAM, f"SENDER#{address.lower()}").delete()

    def blocked(self) -> list[SpamSender]:
        return [loads(SpamSender, i.data or "{}") for i in self._m.query(_SPAM, consistent_read=True)]
