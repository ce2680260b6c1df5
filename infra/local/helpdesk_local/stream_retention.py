"""DynamoDB stream records that every reader has passed are dropped, as AWS drops them after 24 hours.

moto keeps every stream record for ever, each with its item's old and new image: late in a test run they were
two thirds of every snapshot (state.py), and a snapshot holds the whole emulator still. Locally the readers
are known (one checkpoint per stream poller, delivery.py), so just before a snapshot what all of them have
processed is trimmed. A stream with a reader that has no checkpoint yet, or with no known reader, keeps
everything. docs/local-stack.md, "State"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def trim_consumed(readers: Iterable[tuple[str, str]], checkpoints: dict[str, str]) -> int:
    """`readers`: (consumer, stream ARN) pairs, keyed as the pollers key their checkpoints. Returns how many
    records went. Callers hold every request out meanwhile (the snapshot's exclusive gate)."""
    from moto.dynamodb.models import dynamodb_backends

    by_stream: dict[str, list[str]] = {}
    for consumer, arn in readers:
        by_stream.setdefault(arn, []).append(consumer)
    dropped = 0
    for _, _, backend in dynamodb_backends.iter_backends():
        for table in backend.tables.values():  # type: ignore[attr-defined]
            shard = getattr(table, "stream_shard", None)
            if shard is None or not table.latest_stream_label:
                continue
            arn = f"{table.table_arn}/stream/{table.latest_stream_label}"
            positions = [checkpoints.get(f"{c}|{arn}|{shard.id}") for c in by_stream.get(arn, [])]
            dropped += _trim(shard, positions)
    return dropped


def _trim(shard: Any, positions: list[str | None]) -> int:
    if not positions or any(p is None for p in positions):
        return 0
    passed = min(int(p) for p in positions if p is not None)
    count = max(0, min(len(shard.items), passed - shard.starting_sequence_number + 1))
    if count:
        # New records are numbered from len(items) + start: moving the start keeps every number as it was.
        shard.items = shard.items[count:]
        shard.starting_sequence_number += count
    return count
