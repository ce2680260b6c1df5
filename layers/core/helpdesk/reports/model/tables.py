"""Rows of a report: facts grouped by one dimension, summed, and derived columns computed (pure)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from helpdesk.reports.model.facts import Fact

Number = int | float | None


@dataclass(frozen=True)
class Row:
    key: str
    values: dict[str, Number]


def dimension(fact: Fact, group_by: str) -> str:
    if group_by == "day":
        return fact.day.isoformat() if fact.day else "-"
    if group_by == "month":
        return f"{fact.day:%Y-%m}" if fact.day else "-"
    return fact.dims.get(group_by) or "-"


def percentile(values: list[int], share: float) -> float | None:
    """Nearest-rank percentile (p50 = the median as people read it: a value that occurred)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil without floats drifting
    return float(ordered[int(rank) - 1])


def ratio(part: Number, whole: Number) -> float | None:
    if not whole or part is None:
        return None
    return round(part / whole, 4)


Derive = Callable[[dict[str, int], dict[str, list[int]]], dict[str, Number]]


def group(
    facts: Iterable[Fact], group_by: str, sums: list[str], samples: list[str], derive: Derive
) -> list[Row]:
    """One row per value of `group_by`: `sums` added, `samples` kept for percentiles, then `derive`."""
    totals: dict[str, dict[str, int]] = {}
    lists: dict[str, dict[str, list[int]]] = {}
    for fact in facts:
        key = dimension(fact, group_by)
        row, kept = (
            totals.setdefault(key, dict.fromkeys(sums, 0)),
            lists.setdefault(key, {s: [] for s in samples}),
        )
        for name in sums:
            row[name] += fact.values.get(name, 0)
        for name in samples:
            if name in fact.values:
                kept[name].append(fact.values[name])
    return [Row(key, {**totals[key], **derive(totals[key], lists[key])}) for key in sorted(totals)]


def total(facts: Iterable[Fact], sums: list[str], samples: list[str], derive: Derive) -> dict[str, Number]:
    rows = group(facts, "*all*", sums, samples, derive)  # a dimension no fact has: one row
    return (
        rows[0].values
        if rows
        else {**dict.fromkeys(sums, 0), **derive(dict.fromkeys(sums, 0), {s: [] for s in samples})}
    )
