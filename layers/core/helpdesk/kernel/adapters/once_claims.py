"""OnceClaims: one guard item per effect key on the single table (pk ONCE#<key>), kept until its TTL."""

from __future__ import annotations

import time
from typing import Any


class DynamoOnceClaims:
    def __init__(self, client: Any, table: str, keep_seconds: int = 90 * 86400) -> None:
        self._db, self._table, self._keep = client, table, keep_seconds

    def claim(self, key: str) -> bool:
        try:
            self._db.put_item(
                TableName=self._table,
                Item={
                    "pk": {"S": f"ONCE#{key}"},
                    "sk": {"S": "ONCE"},
                    "entity": {"S": "OnceClaim"},
                    "expires_at": {"N": str(int(time.time()) + self._keep)},
                },
                ConditionExpression="attribute_not_exists(pk)",
            )
        except self._db.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def release(self, key: str) -> None:
        self._db.delete_item(TableName=self._table, Key={"pk": {"S": f"ONCE#{key}"}, "sk": {"S": "ONCE"}})
