"""Writes of the `helpdesk` table that succeed or fail together: one TransactWriteItems request instead of
one request per item (DynamoDB bills each transactional item twice, so this saves requests, not units)."""

from __future__ import annotations

from pynamodb.exceptions import PynamoDBException
from pynamodb.expressions.condition import Condition
from pynamodb.transactions import TransactWrite

from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, condition_failed


def write_together(
    model: type[HelpdeskItem],
    puts: list[tuple[HelpdeskItem, Condition | None]],
    deletes: tuple[HelpdeskItem, ...] = (),
) -> bool:
    """Put and delete all, or nothing; False when a condition failed (then nothing was written)."""
    try:
        with TransactWrite(connection=model._get_connection().connection) as together:
            for item, condition in puts:
                together.save(item, condition=condition)
            for item in deletes:
                together.delete(item)
    except PynamoDBException as error:
        if condition_failed(error):
            return False
        raise
    return True
