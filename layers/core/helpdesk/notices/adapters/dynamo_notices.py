"""NoticeStore on the single table: pk NOTICE#<recipient>, sk <created>#<notice id>; a guard item makes it
idempotent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from helpdesk.notices.model import Notice


class DynamoNoticeStore:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._ddb = dynamodb
        self._table = table_name

    def add(self, notice: Notice) -> bool:
        created = notice.created_at.astimezone(UTC).isoformat()
        item = {
            "pk": {"S": f"NOTICE#{notice.recipient}"},
            "sk": {"S": f"{created}#{notice.notice_id}"},
            "entity": {"S": "notice"},
            "notice_id": {"S": notice.notice_id},
            "audience": {"S": notice.audience},
            "recipient": {"S": notice.recipient},
            "subject": {"S": notice.subject},
            "text": {"S": notice.text},
            "created_at": {"S": created},
        }
        if notice.link:
            item["link"] = {"S": notice.link}
        guard = {"pk": {"S": f"NOTICEID#{notice.notice_id}"}, "sk": {"S": "guard"}, "entity": {"S": "guard"}}
        try:
            self._ddb.transact_write_items(
                TransactItems=[
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": guard,
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                    {"Put": {"TableName": self._table, "Item": item}},
                ]
            )
        except self._ddb.exceptions.TransactionCanceledException:
            return False
        return True

    def latest(self, recipient: str, limit: int) -> list[Notice]:
        answer = self._ddb.query(
            TableName=self._table,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": f"NOTICE#{recipient}"}},
            ScanIndexForward=False,
            Limit=limit,
        )
        return [_notice(i) for i in answer.get("Items", [])]


def _notice(item: dict[str, Any]) -> Notice:
    return Notice(
        notice_id=item["notice_id"]["S"],
        audience=item["audience"]["S"],
        recipient=item["recipient"]["S"],
        subject=item["subject"]["S"],
        text=item.get("text", {}).get("S", ""),
        link=item.get("link", {}).get("S"),
        created_at=datetime.fromisoformat(item["created_at"]["S"]),
    )
