"""Quotes, client accounts, the time ledger and drafts on the single table (boto3 client, JSON `data`).

QUOTE#<id>           / QUOTE    gsi1 ORG_QUOTES#<organisation>, <created>#<id>; `status` for conditional moves
CLIENT_ACCOUNT#<org> / ACCOUNT
BILLTIME#<entry id>  / ENTRY    gsi1 BILLTIME#<organisation>#<yyyy-mm>;
                                gsi2 BILLTIME_PERIOD#<yyyy-mm>, <org>#<id>;
                                `invoice_id` while an invoice holds it (the lock, set on condition)
TIMEDRAFT#<id>       / DRAFT    gsi1 TIMEDRAFTS#<yyyy-mm>, <id>
"""

from __future__ import annotations

from typing import Any

from helpdesk.billing.model.clients import ClientAccount
from helpdesk.billing.model.quotes import Quote
from helpdesk.billing.model.time_invoices import TimeDraft
from helpdesk.billing.model.time_ledger import EntryTaken, LedgerEntry
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads

TRANSACTION_LIMIT = 100  # DynamoDB's TransactWriteItems maximum


def _s(value: str) -> dict[str, str]:
    return {"S": value}


class _Table:
    def __init__(self, client: Any, table_name: str) -> None:
        self._db, self._table = client, table_name

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        key = {"pk": _s(pk), "sk": _s(sk)}
        item: dict[str, Any] | None = self._db.get_item(
            TableName=self._table, Key=key, ConsistentRead=True
        ).get("Item")
        return item

    def _query(self, index: str, partition: str, newest_first: bool = False) -> list[dict[str, Any]]:
        pages = self._db.get_paginator("query").paginate(
            TableName=self._table,
            IndexName=index,
            KeyConditionExpression=f"{index}pk = :pk",
            ExpressionAttributeValues={":pk": _s(partition)},
            ScanIndexForward=not newest_first,
        )
        return [item for page in pages for item in page["Items"]]


class DynamoQuotes(_Table):
    def _item(self, q: Quote) -> dict[str, Any]:
        return {
            "pk": _s(f"QUOTE#{q.id}"), "sk": _s("QUOTE"), "entity": _s("Quote"), "data": _s(dumps(q)),
            "status": _s(q.status.value), "gsi1pk": _s(f"ORG_QUOTES#{q.organisation_id}"),
            "gsi1sk": _s(f"{q.created_at.isoformat()}#{q.id}"),
        }  # fmt: skip

    def put(self, quote: Quote) -> None:
        self._db.put_item(TableName=self._table, Item=self._item(quote))

    def get(self, quote_id: str) -> Quote | None:
        item = self._get(f"QUOTE#{quote_id}", "QUOTE")
        return loads(Quote, item["data"]["S"]) if item else None

    def for_organisation(self, organisation_id: str) -> list[Quote]:
        items = self._query("gsi1", f"ORG_QUOTES#{organisation_id}", newest_first=True)
        return [loads(Quote, i["data"]["S"]) for i in items]

    def replace(self, old: Quote, new: Quote) -> bool:
        try:
            self._db.put_item(
                TableName=self._table, Item=self._item(new), ConditionExpression="#s = :old",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":old": _s(old.status.value)},
            )  # fmt: skip
        except self._db.exceptions.ConditionalCheckFailedException:
            return False
        return True


class DynamoClientAccounts(_Table):
    def get(self, organisation_id: str) -> ClientAccount | None:
        item = self._get(f"CLIENT_ACCOUNT#{organisation_id}", "ACCOUNT")
        return loads(ClientAccount, item["data"]["S"]) if item else None

    def put(self, account: ClientAccount) -> None:
        item = {"pk": _s(f"CLIENT_ACCOUNT#{account.organisation_id}"), "sk": _s("ACCOUNT"),
                "entity": _s("ClientAccount"), "data": _s(dumps(account))}  # fmt: skip
        self._db.put_item(TableName=self._table, Item=item)


class DynamoTimeLedger(_Table):
    def approve(self, entries: list[LedgerEntry]) -> int:
        new = 0
        for e in entries:
            w = e.entry
            item = {
                "pk": _s(f"BILLTIME#{e.id}"), "sk": _s("ENTRY"), "entity": _s("BillableTime"),
                "data": _s(dumps(e)), "gsi1pk": _s(f"BILLTIME#{w.organisation_id}#{w.period}"),
                "gsi1sk": _s(e.id), "gsi2pk": _s(f"BILLTIME_PERIOD#{w.period}"),
                "gsi2sk": _s(f"{w.organisation_id}#{e.id}"),
            }  # fmt: skip
            try:
                self._db.put_item(
                    TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(pk)"
                )
                new += 1
            except self._db.exceptions.ConditionalCheckFailedException:
                continue  # approved before: its lock is kept as it is
        return new

    def _read(self, item: dict[str, Any]) -> LedgerEntry:
        entry = loads(LedgerEntry, item["data"]["S"])
        holder = item.get("invoice_id", {}).get("S")
        return entry.taken_by(holder) if holder else entry

    def entries(self, organisation_id: str, period: str) -> list[LedgerEntry]:
        return [self._read(i) for i in self._query("gsi1", f"BILLTIME#{organisation_id}#{period}")]

    def organisations(self, period: str) -> list[str]:
        items = self._query("gsi2", f"BILLTIME_PERIOD#{period}")
        return sorted({i["gsi2sk"]["S"].split("#", 1)[0] for i in items})

    def take(self, entry_ids: list[str], invoice_id: str) -> None:
        """One transaction per 100 entries; a refused chunk releases the chunks taken before it."""
        done: list[str] = []
        for start in range(0, len(entry_ids), TRANSACTION_LIMIT):
            chunk = entry_ids[start : start + TRANSACTION_LIMIT]
            updates = [{"Update": {
                "TableName": self._table, "Key": {"pk": _s(f"BILLTIME#{i}"), "sk": _s("ENTRY")},
                "UpdateExpression": "SET invoice_id = :inv",
                "ConditionExpression": "attribute_exists(pk) AND "
                                       "(attribute_not_exists(invoice_id) OR invoice_id = :inv)",
                "ExpressionAttributeValues": {":inv": _s(invoice_id)},
            }} for i in chunk]  # fmt: skip
            try:
                self._db.transact_write_items(TransactItems=updates)
            except self._db.exceptions.TransactionCanceledException as error:
                self.release(done, invoice_id)
                raise EntryTaken(f"a time entry of {invoice_id} is taken or not approved") from error
            done += chunk

    def release(self, entry_ids: list[str], invoice_id: str) -> None:
        for i in entry_ids:
            try:
                self._db.update_item(
                    TableName=self._table, Key={"pk": _s(f"BILLTIME#{i}"), "sk": _s("ENTRY")},
                    UpdateExpression="REMOVE invoice_id", ConditionExpression="invoice_id = :inv",
                    ExpressionAttributeValues={":inv": _s(invoice_id)},
                )  # fmt: skip
            except self._db.exceptions.ConditionalCheckFailedException:
                continue  # held by no invoice, or another: not this credit note's to free


class DynamoDrafts(_Table):
    def put(self, draft: TimeDraft) -> None:
        item = {"pk": _s(f"TIMEDRAFT#{draft.id}"), "sk": _s("DRAFT"), "entity": _s("TimeDraft"),
                "data": _s(dumps(draft)), "gsi1pk": _s(f"TIMEDRAFTS#{draft.period}"),
                "gsi1sk": _s(draft.id)}  # fmt: skip
        self._db.put_item(TableName=self._table, Item=item)

    def get(self, draft_id: str) -> TimeDraft | None:
        item = self._get(f"TIMEDRAFT#{draft_id}", "DRAFT")
        return loads(TimeDraft, item["data"]["S"]) if item else None

    def for_period(self, period: str) -> list[TimeDraft]:
        return [loads(TimeDraft, i["data"]["S"]) for i in self._query("gsi1", f"TIMEDRAFTS#{period}")]
