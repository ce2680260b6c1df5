"""Facts on the single table: `REPORTFACT#<source>`/`FACT`,
gsi1 `REPORT#<report>#<YYYY-MM | standing>` / source.

One item per source: a redelivered stream record rewrites it, a fact that moves month moves its gsi1 key."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from helpdesk.reports.model.facts import Fact, ReportKind

ENTITY = "report_fact"


def _key(source: str) -> dict[str, Any]:
    return {"pk": {"S": f"REPORTFACT#{source}"}, "sk": {"S": "FACT"}}


def _item(fact: Fact) -> dict[str, Any]:
    data = {
        "report": fact.report.value,
        "source": fact.source,
        "day": fact.day.isoformat() if fact.day else None,
        "dims": fact.dims,
        "values": fact.values,
    }
    return {
        **_key(fact.source),
        "entity": {"S": ENTITY},
        "data": {"S": json.dumps(data, separators=(",", ":"), ensure_ascii=False)},
        "gsi1pk": {"S": f"REPORT#{fact.partition}"},
        "gsi1sk": {"S": fact.source},
        **({"earliest": {"N": str(v)}} if (v := fact.values.get("replied")) is not None else {}),
    }


def _fact(text: str) -> Fact:
    d = json.loads(text)
    day = date.fromisoformat(d["day"]) if d["day"] else None
    return Fact(ReportKind(d["report"]), d["source"], day, d["dims"], d["values"])


class DynamoFactStore:
    def __init__(self, db: Any, table: str) -> None:
        self._db, self._table = db, table

    def put(self, facts: Iterable[Fact]) -> None:
        for fact in facts:
            self._db.put_item(TableName=self._table, Item=_item(fact))

    def put_earliest(self, fact: Fact, value: str) -> None:
        try:
            self._db.put_item(
                TableName=self._table,
                Item=_item(fact),
                ConditionExpression="attribute_not_exists(pk) OR earliest >= :v",
                ExpressionAttributeValues={":v": {"N": str(fact.values[value])}},
            )
        except self._db.exceptions.ConditionalCheckFailedException:
            pass  # an earlier one is kept

    def delete(self, sources: Iterable[str]) -> None:
        for source in sources:
            self._db.delete_item(TableName=self._table, Key=_key(source))

    def facts(self, report: ReportKind, partitions: Iterable[str]) -> list[Fact]:
        paginator = self._db.get_paginator("query")
        found = []
        for partition in partitions:
            pages = paginator.paginate(
                TableName=self._table,
                IndexName="gsi1",
                KeyConditionExpression="gsi1pk = :pk",
                ExpressionAttributeValues={":pk": {"S": f"REPORT#{report.value}#{partition}"}},
            )
            found += [_fact(item["data"]["S"]) for page in pages for item in page["Items"]]
        return found
