"""The rota on the single table (the workflow reads the same item directly), and calls recorded
instead of placed (the local stack's phone). Every placed call, recorded or real, also shows as the last
step of its escalation in the console (services/escalation.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from helpdesk.operations.model.escalation import OnCallPerson, Rota

ROTA_KEY = {"pk": {"S": "OPS#ROTA"}, "sk": {"S": "current"}}


class DynamoRotaStore:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._ddb, self._table = dynamodb, table_name

    def get(self) -> Rota | None:
        item = self._ddb.get_item(TableName=self._table, Key=ROTA_KEY).get("Item")
        if not item:
            return None
        people = tuple(
            OnCallPerson(p["M"]["name"]["S"], p["M"]["email"]["S"], p["M"].get("phone", {}).get("S", ""))
            for p in item["people"]["L"]
        )
        return Rota(people=people, ack_seconds=int(item["ack_seconds"]["N"]))

    def put(self, rota: Rota) -> None:
        people = [
            {"M": {"name": {"S": p.name}, "email": {"S": p.email}, "phone": {"S": p.phone}}}
            for p in rota.people
        ]
        self._ddb.put_item(
            TableName=self._table,
            Item={
                **ROTA_KEY,
                "entity": {"S": "rota"},
                "people": {"L": people},
                "ack_seconds": {"N": str(rota.ack_seconds)},
            },
        )


class RecordedPhone:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._ddb, self._table = dynamodb, table_name

    def call(self, person: OnCallPerson, alarm: dict[str, str]) -> None:
        now = datetime.now(UTC).isoformat()
        self._ddb.put_item(
            TableName=self._table,
            Item={
                "pk": {"S": "OPS#CALLS"},
                "sk": {"S": now},
                "entity": {"S": "call"},
                "to_name": {"S": person.name},
                "to_phone": {"S": person.phone},
                "alarm": {"S": alarm.get("name", "")},
            },
        )

    def calls(self, limit: int = 20) -> list[dict[str, str]]:
        items = self._ddb.query(
            TableName=self._table,
            KeyConditionExpression="pk = :p",
            ScanIndexForward=False,
            ExpressionAttributeValues={":p": {"S": "OPS#CALLS"}},
            Limit=limit,
        )["Items"]
        return [{k: v["S"] for k, v in i.items() if "S" in v} for i in items]
