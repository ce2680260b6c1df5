"""The page log on the single table (pk OPS#PAGES, sk <alarm changed at>#<execution>#<step>) and in
memory."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from helpdesk.operations.model.escalation import OnCallPerson, Page

PK = "OPS#PAGES"
KEPT = timedelta(days=30)  # the table's TTL removes older pages


def _sk(page: Page) -> str:
    return f"{page.alarm_changed_at}#{page.execution}#{page.step:03d}"


class DynamoPageLog:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._ddb, self._table = dynamodb, table_name

    def record(self, page: Page) -> None:
        item = {
            "pk": {"S": PK},
            "sk": {"S": _sk(page)},
            "entity": {"S": "page"},
            "execution": {"S": page.execution},
            "step": {"N": str(page.step)},
            "alarm": {"S": page.alarm},
            "alarm_changed_at": {"S": page.alarm_changed_at},
            "name": {"S": page.person.name},
            "email": {"S": page.person.email},
            "phone": {"S": page.person.phone},
            "paged_at": {"S": page.paged_at.isoformat()},
            "answer_by": {"S": page.answer_by.isoformat()},
            "task_token": {"S": page.task_token},
            "channel": {"S": page.channel},
            "expires_at": {"N": str(int((page.paged_at + KEPT).timestamp()))},
        }
        try:
            self._ddb.put_item(
                TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(pk)"
            )
        except self._ddb.exceptions.ConditionalCheckFailedException:
            pass  # a redelivered page: the first record stands

    def recent(self, limit: int) -> list[Page]:
        items = self._ddb.query(
            TableName=self._table,
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": PK}},
            ScanIndexForward=False,
            Limit=limit,
        )["Items"]
        return _in_order([_page(i) for i in items])

    def save_acknowledged(self, page: Page) -> None:
        assert page.acknowledged_at is not None
        self._ddb.update_item(
            TableName=self._table,
            Key={"pk": {"S": PK}, "sk": {"S": _sk(page)}},
            UpdateExpression="SET acknowledged_by = :w, acknowledged_at = :a",
            ExpressionAttributeValues={
                ":w": {"S": page.acknowledged_by},
                ":a": {"S": page.acknowledged_at.isoformat()},
            },
        )


def _page(item: dict[str, Any]) -> Page:
    text = {k: v["S"] for k, v in item.items() if "S" in v}
    return Page(
        execution=text["execution"],
        step=int(item["step"]["N"]),
        alarm=text["alarm"],
        alarm_changed_at=text["alarm_changed_at"],
        person=OnCallPerson(text["name"], text["email"], text.get("phone", "")),
        paged_at=datetime.fromisoformat(text["paged_at"]),
        answer_by=datetime.fromisoformat(text["answer_by"]),
        task_token=text["task_token"],
        acknowledged_by=text.get("acknowledged_by", ""),
        acknowledged_at=datetime.fromisoformat(text["acknowledged_at"])
        if "acknowledged_at" in text
        else None,
        channel=text.get("channel", "mail"),
    )


def _in_order(pages: list[Page]) -> list[Page]:
    """Newest escalation first; within one, step 1 before step 2 (sorts are stable)."""
    by_step = sorted(pages, key=lambda p: p.step)
    return sorted(by_step, key=lambda p: (p.alarm_changed_at, p.execution), reverse=True)
