"""The SLA ports on the single table.

Setup: pk SLASETUP, sk CALENDAR#<name> | POLICY#<id> | AUTOCLOSE. Timeline: pk TICKET#<id>, sk EVENT#<at>#<n>.
Board: pk TICKET#<id>, sk SLA, gsi1 SLADUE / <watch at>#<id>.
Auto-close: pk TICKET#<id>, sk AUTOCLOSE, gsi1 AUTOCLOSE / <at>#<id>.
Snooze: pk TICKET#<id>, sk WAKE, gsi1 SNOOZE / <at>#<id>.
Clock cache: pk TICKET#<id>, sk SLACLOCK (the inbox reads a page's worth by BatchGetItem).
"""

from __future__ import annotations

import itertools
import json
import time
from datetime import UTC, date, datetime
from typing import Any

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_staging import staging
from helpdesk.sla.model.clocks import ClockInputs
from helpdesk.sla.model.hours import BusinessCalendar, OpenHours
from helpdesk.sla.model.policy import SlaPolicy
from helpdesk.sla.model.snapshot import AutoCloseRule, BoardEntry
from helpdesk.sla.model.timeline import TimelineEvent

SETUP = "SLASETUP"
BATCH_GET = 100  # DynamoDB's most keys per BatchGetItem


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def calendar_json(calendar: BusinessCalendar) -> str:
    hours = [[h.weekday, h.open_minute, h.close_minute] for h in calendar.hours]
    holidays = sorted(d.isoformat() for d in calendar.holidays)
    return json.dumps(
        {"name": calendar.name, "timezone": calendar.timezone, "hours": hours, "holidays": holidays}
    )


def calendar_of(text: str) -> BusinessCalendar:
    raw = json.loads(text)
    hours = tuple(OpenHours(*h) for h in raw["hours"])
    holidays = frozenset(date.fromisoformat(d) for d in raw["holidays"])
    return BusinessCalendar(raw["name"], raw["timezone"], hours, holidays)


class DynamoSla:
    """SlaSetup, Timeline, SlaBoard and ClockCache over one boto3 DynamoDB client."""

    def __init__(self, client: Any, table: str) -> None:
        self._db, self._table = client, table

    # setup
    def calendars(self) -> list[BusinessCalendar]:
        return [calendar_of(i["data"]["S"]) for i in self._setup_items("CALENDAR#")]

    def rules(self) -> tuple[list[SlaPolicy], list[BusinessCalendar]]:
        items = self._query("pk = :pk", {":pk": SETUP}, True)
        policies = [loads(SlaPolicy, i["data"]["S"]) for i in items if i["sk"]["S"].startswith("POLICY#")]
        calendars = [calendar_of(i["data"]["S"]) for i in items if i["sk"]["S"].startswith("CALENDAR#")]
        return policies, calendars

    def save_calendar(self, calendar: BusinessCalendar) -> None:
        self._put(SETUP, f"CALENDAR#{calendar.name}", "sla_calendar", calendar_json(calendar))

    def policies(self) -> list[SlaPolicy]:
        return [loads(SlaPolicy, i["data"]["S"]) for i in self._setup_items("POLICY#")]

    def save_policy(self, policy: SlaPolicy) -> None:
        self._put(SETUP, f"POLICY#{policy.id}", "sla_policy", dumps(policy))

    def delete_policy(self, policy_id: str) -> None:
        self._delete(SETUP, f"POLICY#{policy_id}")

    def auto_close(self) -> AutoCloseRule:
        item = self._db.get_item(TableName=self._table, Key=_key(SETUP, "AUTOCLOSE")).get("Item")
        return loads(AutoCloseRule, item["data"]["S"]) if item else AutoCloseRule()

    def save_auto_close(self, rule: AutoCloseRule) -> None:
        self._put(SETUP, "AUTOCLOSE", "auto_close_rule", dumps(rule))

    # timeline
    def add(self, events: list[TimelineEvent]) -> None:
        for n, event in enumerate(events):
            sk = f"EVENT#{_iso(event.at)}#{n:02d}#{event.field}"
            self._put(f"TICKET#{event.ticket_id}", sk, "timeline_event", dumps(event))

    def for_ticket(self, ticket_id: str) -> list[TimelineEvent]:
        items = self._query(
            "pk = :pk AND begins_with(sk, :sk)", {":pk": f"TICKET#{ticket_id}", ":sk": "EVENT#"}, True
        )
        return [loads(TimelineEvent, i["data"]["S"]) for i in items]

    # board
    def place(self, entry: BoardEntry) -> None:
        index = ("SLADUE", f"{_iso(entry.watch_at)}#{entry.ticket_id}")
        self._put(f"TICKET#{entry.ticket_id}", "SLA", "sla_board", _iso(entry.watch_at), index)

    def remove(self, ticket_id: str) -> None:
        self._delete(f"TICKET#{ticket_id}", "SLA")

    def due_between(self, start: datetime | None, end: datetime, limit: int) -> list[BoardEntry]:
        low = f"{_iso(start)}#" if start else "0"
        items = self._index("SLADUE", low, f"{_iso(end)}#", limit)
        return [
            BoardEntry(i["pk"]["S"].removeprefix("TICKET#"), datetime.fromisoformat(i["data"]["S"]))
            for i in items
        ]

    def schedule_close(self, ticket_id: str, at: datetime) -> None:
        self._put(
            f"TICKET#{ticket_id}",
            "AUTOCLOSE",
            "auto_close",
            _iso(at),
            ("AUTOCLOSE", f"{_iso(at)}#{ticket_id}"),
        )

    def cancel_close(self, ticket_id: str) -> None:
        self._delete(f"TICKET#{ticket_id}", "AUTOCLOSE")

    def closes_due(self, now: datetime, limit: int) -> list[str]:
        return [
            i["pk"]["S"].removeprefix("TICKET#")
            for i in self._index("AUTOCLOSE", "0", f"{_iso(now)}#", limit)
        ]

    def schedule_wake(self, ticket_id: str, at: datetime) -> None:
        self._put(f"TICKET#{ticket_id}", "WAKE", "snooze", _iso(at), ("SNOOZE", f"{_iso(at)}#{ticket_id}"))

    def cancel_wake(self, ticket_id: str) -> None:
        self._delete(f"TICKET#{ticket_id}", "WAKE")

    def wakes_due(self, now: datetime, limit: int) -> list[str]:
        return [
            i["pk"]["S"].removeprefix("TICKET#") for i in self._index("SNOOZE", "0", f"{_iso(now)}#~", limit)
        ]

    # clock cache
    def keep(self, inputs: ClockInputs) -> None:
        self._put(f"TICKET#{inputs.ticket_id}", "SLACLOCK", "sla_clock", dumps(inputs))

    def many(self, ticket_ids: list[str]) -> dict[str, ClockInputs]:
        found: dict[str, ClockInputs] = {}
        ids = list(dict.fromkeys(ticket_ids))
        for start in range(0, len(ids), BATCH_GET):
            keys = [_key(f"TICKET#{i}", "SLACLOCK") for i in ids[start : start + BATCH_GET]]
            wanted: dict[str, Any] = {self._table: {"Keys": keys, "ConsistentRead": True}}
            for attempt in itertools.count():
                answer = self._db.batch_get_item(RequestItems=wanted)
                for item in answer.get("Responses", {}).get(self._table, []):
                    inputs = loads(ClockInputs, item["data"]["S"])
                    found[inputs.ticket_id] = inputs
                wanted = answer.get("UnprocessedKeys") or {}
                if not wanted:
                    break
                time.sleep(min(0.05 * 2**attempt, 1.0))  # throttled: the rest again, a little later
        return found

    # plumbing
    def _put(self, pk: str, sk: str, entity: str, data: str, index: tuple[str, str] | None = None) -> None:
        item = {**_key(pk, sk), "entity": {"S": entity}, "data": {"S": data}}
        if index:
            item |= {"gsi1pk": {"S": index[0]}, "gsi1sk": {"S": index[1]}}
        staged = staging()  # a ticket saved in a unit of work (mail ingest): its SLA lands with it
        if staged is not None:
            staged.stage("Put", {"TableName": self._table, "Item": item})
        else:
            self._db.put_item(TableName=self._table, Item=item)

    def _delete(self, pk: str, sk: str) -> None:
        staged = staging()
        if staged is not None:
            staged.stage("Delete", {"TableName": self._table, "Key": _key(pk, sk)})
        else:
            self._db.delete_item(TableName=self._table, Key=_key(pk, sk))

    def _setup_items(self, prefix: str) -> list[dict[str, Any]]:
        return self._query("pk = :pk AND begins_with(sk, :sk)", {":pk": SETUP, ":sk": prefix}, True)

    def _query(self, condition: str, values: dict[str, str], consistent: bool) -> list[dict[str, Any]]:
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": {k: {"S": v} for k, v in values.items()},
            "ConsistentRead": consistent,
        }
        items: list[dict[str, Any]] = []
        while True:
            answer = self._db.query(**kwargs)
            items += answer.get("Items", [])
            if "LastEvaluatedKey" not in answer:
                return items
            kwargs["ExclusiveStartKey"] = answer["LastEvaluatedKey"]

    def _index(self, pk: str, low: str, high: str, limit: int) -> list[dict[str, Any]]:
        answer = self._db.query(
            TableName=self._table,
            IndexName="gsi1",
            KeyConditionExpression="gsi1pk = :pk AND gsi1sk BETWEEN :low AND :high",
            ExpressionAttributeValues={":pk": {"S": pk}, ":low": {"S": low}, ":high": {"S": high}},
            Limit=limit,
        )
        return list(answer.get("Items", []))


def _key(pk: str, sk: str) -> dict[str, dict[str, str]]:
    return {"pk": {"S": pk}, "sk": {"S": sk}}
