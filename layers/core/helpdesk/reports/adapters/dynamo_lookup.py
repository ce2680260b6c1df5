"""What the roll-up reads beside a stream record, by key: a ticket, an order, a project, the SLA policies.

Reads other contexts' stored JSON by its attribute names (listed in docs/reports.md), like search."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


class DynamoSourceLookup:
    def __init__(self, db: Any, table: str) -> None:
        self._db, self._table = db, table

    def _body(self, pk: str, sk: str, attribute: str = "data") -> dict[str, Any] | None:
        key = {"pk": {"S": pk}, "sk": {"S": sk}}
        item = self._db.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")
        text = (item or {}).get(attribute, {}).get("S")
        return json.loads(text) if text else None

    def ticket(self, ticket_id: str) -> dict[str, Any] | None:
        return self._body(f"TICKET#{ticket_id}", "TICKET")

    def order(self, order_id: str) -> dict[str, Any] | None:
        return self._body(f"ORDER#{order_id}", "ORDER", "body")

    def project(self, key: str) -> dict[str, Any] | None:
        return self._body(f"PROJECT#{key}", "PROJECT")

    def sla_policies(self) -> list[Mapping[str, Any]]:
        answer = self._db.query(
            TableName=self._table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :p)",
            ExpressionAttributeValues={":pk": {"S": "SLASETUP"}, ":p": {"S": "POLICY#"}},
        )
        return [json.loads(i["data"]["S"]) for i in answer.get("Items", [])]
