"""Attempt counters in the single table: one item per key and window, removed by the table's TTL."""

from __future__ import annotations

from typing import Any


class DynamoAttemptCounter:
    def __init__(self, dynamodb_client: Any, table_name: str) -> None:
        self._client = dynamodb_client
        self._table = table_name

    def current(self, key: str, window_start: int) -> int:
        item = self._client.get_item(
            TableName=self._table, Key=self._key(key, window_start), ConsistentRead=True
        ).get("Item")
        return int(item["attempts"]["N"]) if item else 0

    def increment(self, key: str, window_start: int, expires_at: int) -> int:
        # ADD is atomic: concurrent attempts each see their own count, no read-modify-write race.
        answer = self._client.update_item(
            TableName=self._table,
            Key=self._key(key, window_start),
            UpdateExpression="ADD attempts :one SET expires_at = if_not_exists(expires_at, :expires)",
            ExpressionAttributeValues={":one": {"N": "1"}, ":expires": {"N": str(expires_at)}},
            ReturnValues="UPDATED_NEW",
        )
        return int(answer["Attributes"]["attempts"]["N"])

    @staticmethod
    def _key(key: str, window_start: int) -> dict[str, dict[str, str]]:
        return {"pk": {"S": f"RATELIMIT#{key}"}, "sk": {"S": f"WINDOW#{window_start}"}}
