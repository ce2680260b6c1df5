"""Receivables on the single table: RECEIVABLE#<invoice id> / RECEIVABLE, saved on condition of version;
the invoice a card payment paid: PAYMENT#<payment ref> / RECEIVABLE_PAYMENT; refunds reported before it:
PAYMENT#<payment ref> / HELD_REFUND#<refund id> (expiring)."""

from __future__ import annotations

from typing import Any

from helpdesk.billing.adapters.dynamo_billing import _s, _Table
from helpdesk.billing.model.receivables import Receivable
from helpdesk.commerce.public import CardRefund
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads


class DynamoReceivables(_Table):
    """`gsi1pk` RECEIVABLES#OPEN only while money is owed: the open list is one partition."""

    def _item(self, r: Receivable) -> dict[str, Any]:
        item = {
            "pk": _s(f"RECEIVABLE#{r.invoice_id}"),
            "sk": _s("RECEIVABLE"),
            "entity": _s("Receivable"),
            "data": _s(dumps(r)),
            "version": {"N": str(r.version)},
        }
        if r.open:
            item["gsi1pk"], item["gsi1sk"] = (
                _s("RECEIVABLES#OPEN"),
                _s(f"{r.issued_on.isoformat()}#{r.invoice_id}"),
            )
        return item

    def add(self, receivable: Receivable) -> Receivable:
        try:
            self._db.put_item(
                TableName=self._table,
                Item=self._item(receivable),
                ConditionExpression="attribute_not_exists(pk)",
            )
        except self._db.exceptions.ConditionalCheckFailedException:
            found = self.get(receivable.invoice_id)
            assert found is not None
            return found
        return receivable

    def get(self, invoice_id: str) -> Receivable | None:
        item = self._get(f"RECEIVABLE#{invoice_id}", "RECEIVABLE")
        return loads(Receivable, item["data"]["S"]) if item else None

    def save(self, receivable: Receivable) -> bool:
        try:
            self._db.put_item(
                TableName=self._table,
                Item=self._item(receivable),
                ConditionExpression="version = :v",
                ExpressionAttributeValues={":v": {"N": str(receivable.version - 1)}},
            )
        except self._db.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def open(self) -> list[Receivable]:
        return [loads(Receivable, i["data"]["S"]) for i in self._query("gsi1", "RECEIVABLES#OPEN")]

    def link_payment(self, payment_ref: str, invoice_id: str) -> None:
        item = {"pk": _s(f"PAYMENT#{payment_ref}"), "sk": _s("RECEIVABLE_PAYMENT"),
                "entity": _s("ReceivablePayment"), "invoice_id": _s(invoice_id)}  # fmt: skip
        self._db.put_item(TableName=self._table, Item=item)

    def invoice_for_payment(self, payment_ref: str) -> str | None:
        item = self._get(f"PAYMENT#{payment_ref}", "RECEIVABLE_PAYMENT")
        return item["invoice_id"]["S"] if item else None

    def hold_refund(self, payment_ref: str, refund: CardRefund, expires_at: int) -> None:
        item = {"pk": _s(f"PAYMENT#{payment_ref}"), "sk": _s(f"HELD_REFUND#{refund.id}"),
                "entity": _s("HeldRefund"), "data": _s(dumps(refund)),
                "expires_at": {"N": str(expires_at)}}  # fmt: skip
        self._db.put_item(TableName=self._table, Item=item)

    def held_refunds(self, payment_ref: str) -> list[CardRefund]:
        pages = self._db.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :held)",
            ExpressionAttributeValues={":pk": _s(f"PAYMENT#{payment_ref}"), ":held": _s("HELD_REFUND#")},
            ConsistentRead=True,
        )
        return [loads(CardRefund, i["data"]["S"]) for page in pages for i in page["Items"]]
