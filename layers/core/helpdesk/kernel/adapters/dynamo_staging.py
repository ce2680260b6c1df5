"""Writes that land together: inside a staging scope, the DynamoDB adapters that take part hand their writes
to the scope instead of sending them, and the scope's owner sends them as one TransactWriteItems (all or
none).

The scope lives in a context variable, so concurrent threads and later invocations of a warm Lambda never
share one. Each staged write is a TransactItems member body (TableName, Item or Key, expressions), as
PynamoDB's `get_*_kwargs_from_instance` and boto3 callers build it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError

from helpdesk.kernel.errors import Conflict

TRANSACTION_LIMIT = 100  # DynamoDB's most actions in one TransactWriteItems
ACTIONS = ("ConditionCheck", "Put", "Update", "Delete")
ItemKey = tuple[str, str, str]  # table, pk, sk


class StagedWritesRefused(Conflict):
    """A condition of one staged write failed, DynamoDB cancelled the transaction for a concurrent write, or
    there were more writes than one transaction takes: none of them was written."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(f"transaction cancelled: {', '.join(reasons) or 'no reasons given'}")
        self.reasons = reasons


@dataclass
class Staging:
    """The writes staged so far, one per item, in the order they were staged."""

    writes: dict[ItemKey, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    def stage(self, action: str, request: dict[str, Any]) -> None:
        """A second write of an item replaces the first: a Put (or Delete) after a Put keeps the first's
        condition, which is about the item as stored; an Update cannot be folded into another write."""
        if action not in ACTIONS:
            raise ValueError(f"not a transaction action: {action}")
        key = _key_of(request)
        earlier = self.writes.get(key)
        if earlier is not None:
            if "Update" in (action, earlier[0]) or "ConditionCheck" in (action, earlier[0]):
                raise ValueError(f"two writes of one item in one transaction: {key}")
            request = _keep_condition(request, earlier[1])
        self.writes[key] = (action, request)

    def transact_items(self) -> list[dict[str, Any]]:
        return [{action: request} for action, request in self.writes.values()]


_ACTIVE: ContextVar[Staging | None] = ContextVar("dynamo_staging", default=None)


def staging() -> Staging | None:
    """The scope open in this context, if any."""
    return _ACTIVE.get()


@contextmanager
def staging_scope() -> Iterator[tuple[Staging, bool]]:
    """Open a scope, or join the one already open (then `owner` is False and the outer scope commits)."""
    current = _ACTIVE.get()
    if current is not None:
        yield current, False
        return
    scope = Staging()
    token = _ACTIVE.set(scope)
    try:
        yield scope, True
    finally:
        _ACTIVE.reset(token)


def commit(connection: Connection, scope: Staging) -> None:
    """Send the staged writes as one transaction (none: no request); StagedWritesRefused when cancelled."""
    items = scope.transact_items()
    if not items:
        return
    if len(items) > TRANSACTION_LIMIT:  # a ticket with a hundred tags: its facets alone
        raise StagedWritesRefused([f"{len(items)} writes staged, one transaction takes {TRANSACTION_LIMIT}"])
    grouped: dict[str, list[dict[str, Any]]] = {action: [] for action in ACTIONS}
    for entry in items:
        ((action, request),) = entry.items()
        grouped[action].append(request)
    try:
        connection.transact_write_items(
            condition_check_items=grouped["ConditionCheck"],
            delete_items=grouped["Delete"],
            put_items=grouped["Put"],
            update_items=grouped["Update"],
        )
    except TransactWriteError as error:
        reasons = [r.code for r in (getattr(error, "cancellation_reasons", None) or []) if r is not None]
        if error.cause_response_code != "TransactionCanceledException" and not reasons:
            raise
        raise StagedWritesRefused(reasons or [str(error.cause_response_code)]) from error


def item_key(request: dict[str, Any]) -> ItemKey:
    return _key_of(request)


def _key_of(request: dict[str, Any]) -> ItemKey:
    attributes = request.get("Item") or request.get("Key") or {}
    return (
        str(request.get("TableName")),
        str(attributes.get("pk", {}).get("S", "")),
        str(attributes.get("sk", {}).get("S", "")),
    )


def _keep_condition(later: dict[str, Any], earlier: dict[str, Any]) -> dict[str, Any]:
    kept = {
        k: v for k, v in later.items() if not k.startswith(("ConditionExpression", "ExpressionAttribute"))
    }
    for name in ("ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"):
        if name in earlier:
            kept[name] = earlier[name]
    return kept
