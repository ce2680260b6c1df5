"""The 1C exchange's items in the single table:

INTEGRATION#onec / PENDING#<order id>   data: paid_at; an order waiting for 1C's query
INTEGRATION#onec / STATUS#<document id> data: what 1C posted about the document
ONEC_SESSION#<sha256 of the cookie> / SESSION   data: encoding, in-flight order ids; TTL expires_at
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict
from datetime import datetime
from typing import Any

from helpdesk.integrations.model.commerceml import AccountingStatus
from helpdesk.integrations.ports import ExchangeSession

PK = "INTEGRATION#onec"


class DynamoExchangeStore:
    def __init__(self, client: Any, table: str) -> None:
        self._db, self._table = client, table

    def _put(self, pk: str, sk: str, data: dict[str, Any], expires_at: int | None = None) -> None:
        item = {
            "pk": {"S": pk},
            "sk": {"S": sk},
            "entity": {"S": "onec_exchange"},
            "data": {"S": json.dumps(data)},
        }
        if expires_at is not None:
            item["expires_at"] = {"N": str(expires_at)}
        self._db.put_item(TableName=self._table, Item=item)

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        key = {"pk": {"S": pk}, "sk": {"S": sk}}
        item = self._db.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")
        return (
            json.loads(item["data"]["S"]) | {"_expires": int(item.get("expires_at", {}).get("N", 0))}
            if item
            else None
        )

    def add_pending(self, order_id: str, paid_at: datetime) -> None:
        self._put(PK, f"PENDING#{order_id}", {"order_id": order_id, "paid_at": paid_at.isoformat()})

    def pending(self, limit: int) -> list[str]:
        found: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :p)",
            "ExpressionAttributeValues": {":pk": {"S": PK}, ":p": {"S": "PENDING#"}},
            "ConsistentRead": True,
        }
        while True:
            page = self._db.query(**kwargs)
            found += [json.loads(i["data"]["S"]) for i in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        found.sort(key=lambda p: (p["paid_at"], p["order_id"]))
        return [p["order_id"] for p in found[:limit]]

    def drop_pending(self, order_ids: list[str]) -> None:
        for order_id in order_ids:
            self._db.delete_item(
                TableName=self._table, Key={"pk": {"S": PK}, "sk": {"S": f"PENDING#{order_id}"}}
            )

    def open_session(self, session: ExchangeSession, ttl_seconds: int) -> None:
        data = {"encoding": session.encoding, "in_flight": list(session.in_flight)}
        self._put(_session_pk(session.token), "SESSION", data, int(time.time()) + ttl_seconds)

    def session(self, token: str) -> ExchangeSession | None:
        if not token:
            return None
        raw = self._get(_session_pk(token), "SESSION")
        if raw is None or raw["_expires"] < time.time():  # TTL deletion is lazy: check it ourselves
            return None
        return ExchangeSession(token, raw["encoding"], tuple(raw["in_flight"]))

    def save_status(self, status: AccountingStatus) -> None:
        self._put(PK, f"STATUS#{status.document_id}", asdict(status))

    def status(self, document_id: str) -> AccountingStatus | None:
        raw = self._get(PK, f"STATUS#{document_id}")
        if raw is None:
            return None
        raw.pop("_expires")
        return AccountingStatus(**raw)


def _session_pk(token: str) -> str:
    return "ONEC_SESSION#" + hashlib.sha256(token.encode()).hexdigest()  # the cookie itself is never stored
