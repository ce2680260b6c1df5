"""SearchSource over the single DynamoDB table: a paginated scan of the searchable entities."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from helpdesk.search.services.items import ITEM_MAPPERS


class DynamoDbSearchSource:
    def __init__(self, table: Any, page_size: int = 500) -> None:
        """`table` is a boto3 Table resource (plain items with Decimal numbers)."""
        self._table = table
        self._page_size = page_size

    def estimated_count(self) -> int | None:
        # DynamoDB refreshes ItemCount about every six hours: good enough for a progress bar.
        return int(self._table.item_count)

    def message_items(self, ticket_id: str) -> Iterator[dict[str, Any]]:
        from boto3.dynamodb.conditions import Key

        condition = Key("pk").eq(f"TICKET#{ticket_id}") & Key("sk").begins_with("MSG#")
        yield from _pages(self._table.query, KeyConditionExpression=condition, ConsistentRead=True)

    def items(self) -> Iterator[dict[str, Any]]:
        names = {"#e": "entity"}
        values = {f":e{i}": entity for i, entity in enumerate(ITEM_MAPPERS)}
        yield from _pages(
            self._table.scan,
            FilterExpression=f"#e IN ({', '.join(values)})",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
            Limit=self._page_size,
        )


def _pages(read: Callable[..., dict[str, Any]], **kwargs: Any) -> Iterator[dict[str, Any]]:
    """Every item of a paginated Scan or Query."""
    while True:
        page = read(**kwargs)
        yield from page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
