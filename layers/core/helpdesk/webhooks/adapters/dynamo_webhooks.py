"""Subscriptions and deliveries in the single table (docs/webhooks.md lists the items).

`WEBHOOK#<id>`/`WEBHOOK`: `data` = the configuration (with its signing secrets), `health` = what the worker
writes, so the two never overwrite each other; gsi1 `WEBHOOKS`. `WHDELIVERY#<id>`/`DELIVERY`: `data` = the
delivery with its attempts; gsi1 `WEBHOOKDELIVERIES#<subscription>` / `<created>#<id>`; kept 30 days (TTL)."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.webhooks.model.delivery import Delivery
from helpdesk.webhooks.model.subscription import Subscription

HEALTH = ("enabled", "failing_since", "disabled_reason", "last_success_at", "last_failure_at")
KEEP_DELIVERIES_SECONDS = 30 * 86400
MAX_ATTEMPTS_KEPT = 50


def _s(value: str) -> dict[str, str]:
    return {"S": value}


class DynamoSubscriptions:
    def __init__(self, client: Any, table: str) -> None:
        self._db, self._table = client, table

    def save(self, subscription: Subscription) -> None:
        created = f"{subscription.created_at.isoformat()}#{subscription.id}"
        item = {
            "pk": _s(f"WEBHOOK#{subscription.id}"), "sk": _s("WEBHOOK"), "entity": _s("webhook_subscription"),
            "data": _s(dumps(subscription)), "health": _s(_health(subscription)),
            "gsi1pk": _s("WEBHOOKS"), "gsi1sk": _s(created),
        }  # fmt: skip
        self._db.put_item(TableName=self._table, Item=item)

    def save_health(self, subscription: Subscription) -> None:
        try:
            self._db.update_item(
                TableName=self._table, Key=_key(subscription.id), UpdateExpression="SET health = :h",
                ConditionExpression="attribute_exists(pk)",
                ExpressionAttributeValues={":h": _s(_health(subscription))},
            )  # fmt: skip
        except self._db.exceptions.ConditionalCheckFailedException:
            return  # deleted meanwhile: nothing to record

    def get(self, subscription_id: str) -> Subscription | None:
        item = self._db.get_item(TableName=self._table, Key=_key(subscription_id), ConsistentRead=True)
        return _subscription(item["Item"]) if "Item" in item else None

    def all(self) -> list[Subscription]:
        found: list[Subscription] = []
        kwargs: dict[str, Any] = {
            "TableName": self._table, "IndexName": "gsi1", "KeyConditionExpression": "gsi1pk = :p",
            "ExpressionAttributeValues": {":p": _s("WEBHOOKS")},
        }  # fmt: skip
        while True:
            page = self._db.query(**kwargs)
            found += [_subscription(i) for i in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                return found
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def delete(self, subscription_id: str) -> None:
        self._db.delete_item(TableName=self._table, Key=_key(subscription_id))


class DynamoDeliveries:
    def __init__(self, client: Any, table: str) -> None:
        self._db, self._table = client, table

    def add_new(self, delivery: Delivery) -> bool:
        try:
            self._db.put_item(
                TableName=self._table,
                Item=self._item(delivery),
                ConditionExpression="attribute_not_exists(pk)",
            )
        except self._db.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def save(self, delivery: Delivery) -> None:
        self._db.put_item(TableName=self._table, Item=self._item(delivery))

    def get(self, delivery_id: str) -> Delivery | None:
        key = {"pk": _s(f"WHDELIVERY#{delivery_id}"), "sk": _s("DELIVERY")}
        item = self._db.get_item(TableName=self._table, Key=key, ConsistentRead=True)
        return loads(Delivery, item["Item"]["data"]["S"]) if "Item" in item else None

    def for_subscription(self, subscription_id: str, since: datetime | None, limit: int) -> list[Delivery]:
        condition, values = "gsi1pk = :p", {":p": _s(f"WEBHOOKDELIVERIES#{subscription_id}")}
        if since is not None:
            condition, values[":s"] = condition + " AND gsi1sk >= :s", _s(since.isoformat())
        kwargs: dict[str, Any] = {
            "TableName": self._table, "IndexName": "gsi1", "KeyConditionExpression": condition,
            "ExpressionAttributeValues": values, "ScanIndexForward": False,
        }  # fmt: skip
        found: list[Delivery] = []
        while len(found) < limit:
            page = self._db.query(**kwargs, Limit=limit - len(found))
            found += [loads(Delivery, i["data"]["S"]) for i in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        return found

    def _item(self, d: Delivery) -> dict[str, Any]:
        kept = replace(d, attempts=d.attempts[-MAX_ATTEMPTS_KEPT:])
        return {
            "pk": _s(f"WHDELIVERY#{d.id}"), "sk": _s("DELIVERY"), "entity": _s("webhook_delivery"),
            "data": _s(dumps(kept)), "status": _s(d.state),
            "gsi1pk": _s(f"WEBHOOKDELIVERIES#{d.subscription_id}"),
            "gsi1sk": _s(f"{d.created_at.isoformat()}#{d.id}"),
            "expires_at": {"N": str(int(time.time()) + KEEP_DELIVERIES_SECONDS)},
        }  # fmt: skip


def _key(subscription_id: str) -> dict[str, dict[str, str]]:
    return {"pk": _s(f"WEBHOOK#{subscription_id}"), "sk": _s("WEBHOOK")}


def _health(s: Subscription) -> str:
    values = asdict(s)
    return json.dumps(
        {k: values[k].isoformat() if isinstance(values[k], datetime) else values[k] for k in HEALTH}
    )


def _subscription(item: dict[str, Any]) -> Subscription:
    sub = loads(Subscription, item["data"]["S"])
    if "health" not in item:
        return sub
    health = json.loads(item["health"]["S"])
    for name in ("failing_since", "last_success_at", "last_failure_at"):
        health[name] = datetime.fromisoformat(health[name]) if health.get(name) else None
    return replace(sub, **health)
