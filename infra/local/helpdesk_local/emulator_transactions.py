"""moto's TransactWriteItems, undone by the items it names instead of by copies of whole tables.

What moto (5.2) does, read in `moto/dynamodb/models/__init__.py`: it applies a transaction's items one by one
through its own PutItem, UpdateItem and DeleteItem, so every item a transaction writes reaches the table's
stream, as DynamoDB documents (BatchWriteItem's items likewise). What it lacks is a cheap and clean undo:
before the first item it deep-copies every table the transaction names, once per item (the whole table with
all of its stream records: a 13-item transaction on a table of 5,000 items took 17.5 s), and a cancelled
transaction puts that copy in the table's place. So the cancelled writes have already reached the stream shard
a reader holds, which shows them as records and then never sees the next real one, and writes other threads
made meanwhile vanish. Here a transaction backs up only the items it names and its stream's next sequence
number; when it is cancelled those items go back into the same table object and the stream records it added
are dropped (DynamoDB writes none for a cancelled transaction). moto's own rules (conditions, one action per
item, the 100-item limit, cancellation reasons) stay as they are.
`tests/unit/local/test_local_emulator_transactions.py` holds the patched emulator to DynamoDB's documented
behaviour and shows moto's own gap.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

_installed: list[Any] = []
_moto_own = threading.local()  # set by `moto_own_transactions` (the contract test compares both)


class _CopyExceptTables:
    """The `copy` module as moto's transaction code sees it: a table "copies" as itself (see the module's
    docstring); every other deep copy (an item's old image in UpdateItem) stays a real one."""

    def __init__(self, table_type: type) -> None:
        self._table_type = table_type

    def deepcopy(self, value: Any, memo: dict[int, Any] | None = None) -> Any:
        if isinstance(value, self._table_type) and not _using_moto_own():
            return value
        return copy.deepcopy(value, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


@dataclass
class _NamedItem:
    table: Any
    hash_key: Any
    range_key: Any
    before: Any  # a copy of the item as it was, None when absent


class _Backup:
    """The items a transaction names, as they were, and where each named table's stream stood."""

    def __init__(self, backend: Any, transact_items: list[dict[str, Any]]) -> None:
        from moto.dynamodb.models.dynamo_type import DynamoType

        self.items: list[_NamedItem] = []
        self.streams: dict[int, tuple[Any, int]] = {}
        for entry in transact_items[:100]:  # moto refuses more before writing anything
            for _, operation in entry.items():
                table = backend.tables.get(operation.get("TableName"))
                attributes = operation.get("Item") or operation.get("Key") or {}
                if table is None or table.hash_key_attr not in attributes:
                    continue  # moto refuses the transaction before this item changes anything
                hash_key = DynamoType(attributes[table.hash_key_attr])
                range_value = attributes.get(table.range_key_attr) if table.range_key_attr else None
                if table.range_key_attr and range_value is None:
                    continue
                range_key = DynamoType(range_value) if range_value is not None else None
                before = table.get_item(hash_key, range_key)
                self.items.append(_NamedItem(table, hash_key, range_key, copy.deepcopy(before)))
                shard = table.stream_shard
                if shard is not None and id(shard) not in self.streams:
                    self.streams[id(shard)] = (shard, shard.starting_sequence_number + len(shard.items))

    def restore(self) -> None:
        for named in reversed(self.items):
            partition = named.table.items
            if named.range_key is None:
                if named.before is None:
                    partition.pop(named.hash_key, None)
                else:
                    partition[named.hash_key] = named.before
            elif named.before is None:
                partition.get(named.hash_key, {}).pop(named.range_key, None)
            else:
                partition[named.hash_key][named.range_key] = named.before
        for shard, next_sequence in self.streams.values():
            # Counted from the shard's start, which the local stack's stream retention may move meanwhile.
            del shard.items[max(0, next_sequence - shard.starting_sequence_number) :]


def back_up_named_items_only() -> None:
    """Install the patch in this process's moto (the local stack's emulator, or in-process `mock_aws`);
    idempotent. Installed before the emulator's write lock (emulator_speedups.py), so the backup is taken
    inside the lock."""
    if _installed:
        return
    from moto.dynamodb import models
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table

    transact = DynamoDBBackend.transact_write_items

    @functools.wraps(transact)
    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> Any:
        if _using_moto_own():
            return transact(self, transact_items)
        backup = _Backup(self, transact_items)
        try:
            return transact(self, transact_items)
        except Exception:
            backup.restore()
            raise

    models.copy = _CopyExceptTables(Table)  # type: ignore[assignment]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    _installed.append(transact_write_items)


def _using_moto_own() -> bool:
    return bool(getattr(_moto_own, "on", False))


@contextmanager
def moto_own_transactions() -> Iterator[None]:
    """Within it (this thread), transactions are moto's own: whole tables copied and swapped back."""
    _moto_own.on = True
    try:
        yield
    finally:
        _moto_own.on = False
