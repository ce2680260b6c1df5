"""The unit of work on the `helpdesk` table: the writes the stores stage inside `atomically()` (the ticket
adapters and the SLA adapter take part) go out as one TransactWriteItems when it ends.

A unit that fails, or is refused, forgets every item it staged from the ingest's reads, so a retry reads
the table again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

from pynamodb.connection import Connection

from helpdesk.kernel.adapters.dynamo_staging import StagedWritesRefused, Staging, commit, staging_scope
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.ports import WritesConflict


class DynamoUnitOfWork:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)

    @cached_property
    def _connection(self) -> Connection:
        return Connection(region=self._m.Meta.region, host=self._m.Meta.host)

    @contextmanager
    def atomically(self) -> Iterator[object]:
        with staging_scope() as (scope, owner):
            if not owner:
                yield scope
                return
            try:
                yield scope
            except BaseException:
                self._forget(scope)
                raise
            try:
                commit(self._connection, scope)
            except StagedWritesRefused as refused:
                self._forget(scope)
                raise WritesConflict(str(refused)) from refused

    def _forget(self, scope: Staging) -> None:
        for table, pk, sk in scope.writes:
            if table == self._m.Meta.table_name:
                self._reads.forget(pk, sk)
