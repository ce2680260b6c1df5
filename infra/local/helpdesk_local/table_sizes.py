"""DescribeTable with a measured TableSizeBytes: moto always answers 0, DynamoDB the size of the items
(refreshed about every six hours). Locally it is measured at each call, so the size alarm has a value."""

from __future__ import annotations

from typing import Any

_original: Any = None


def measure_table_sizes() -> None:
    """Patch moto's table description in this process (the emulator runs in-process); idempotent."""
    global _original
    if _original is not None:
        return
    from moto.dynamodb.models.table import Table

    _original = describe = Table.describe

    def describe_with_size(self: Any, base_key: str = "TableDescription") -> dict[str, Any]:
        answer: dict[str, Any] = describe(self, base_key)
        answer[base_key]["TableSizeBytes"] = table_size(self)
        return answer

    Table.describe = describe_with_size  # type: ignore[method-assign]


def stop_measuring() -> None:
    """Give moto its own DescribeTable back (tests that measured under mock_aws)."""
    global _original
    if _original is not None:
        from moto.dynamodb.models.table import Table

        Table.describe = _original  # type: ignore[method-assign]
        _original = None


def table_size(table: Any) -> int:
    """The sum of the items' sizes by DynamoDB's rule (attribute names plus values), as moto computes it."""
    total = 0
    for value in list(table.items.values()):
        items = list(value.values()) if table.has_range_key else [value]
        total += sum(item.size() for item in items)
    return total
