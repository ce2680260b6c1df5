"""Invoices on the single table, numbered gap-free: one transaction moves the year's counter from n to n+1 and
stores invoice n+1 (whose id derives from its order and kind, so a second one cannot be stored); if another
writer moved the counter first, the cancellation says to what, and the writer retries with the next number.

INVOICE#<id>                     / INVOICE  the invoice; sk of every index <issued>#<id>; gsi1
                                            CUSTOMER_INVOICES#<customer>, gsi2 ORG_INVOICES#<organisation>,
                                            gsi3 INVOICES#<yyyy-mm> (reports)
INVOICE_SERIES#<series>#<year>   / COUNTER  tally = the last number issued
"""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from helpdesk.billing.adapters.invoice_json import invoice_json, read_invoice
from helpdesk.billing.model.invoices import Invoice, InvoiceKind, invoice_id_for
from helpdesk.kernel.errors import Conflict

ATTEMPTS = 500  # enough for 50 writers racing for the same year's counter


def _months(start: date, end: date) -> list[str]:
    months, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


class DynamoInvoiceStore:
    def __init__(self, client: Any, table_name: str) -> None:
        self._db, self._table = client, table_name

    def issue(self, draft: Invoice) -> Invoice:
        if draft.id != invoice_id_for(draft.source_id, draft.kind):
            raise ValueError("an invoice's id derives from its source and kind")
        existing = self.get(draft.id)
        if existing is not None:
            return existing
        last = self._last_number(draft.kind, draft.year)
        for attempt in range(ATTEMPTS):
            invoice = draft.numbered(last + 1)
            reasons = self._try_issue(invoice, last)
            if reasons is None:
                return invoice
            counter, stored = (r.get("Code") for r in reasons)
            if stored == "ConditionalCheckFailed":  # a concurrent delivery invoiced this source first
                found = self.get(draft.id)
                assert found is not None
                return found
            if counter == "ConditionalCheckFailed" and "Item" in reasons[0]:
                last = int(reasons[0]["Item"]["tally"]["N"])  # the counter as the winner left it
            else:
                last = self._last_number(draft.kind, draft.year)  # a transaction conflict: look again
            time.sleep(random.uniform(0, 0.02 * 2 ** min(attempt, 3)))  # jittered backoff: fewer collisions
        raise Conflict(f"could not number invoice {draft.id}: the counter is too contended")

    def _counter_key(self, kind: InvoiceKind, year: int) -> dict[str, Any]:
        return {"pk": {"S": f"INVOICE_SERIES#{kind.series}#{year}"}, "sk": {"S": "COUNTER"}}

    def _last_number(self, kind: InvoiceKind, year: int) -> int:
        item = self._db.get_item(
            TableName=self._table, Key=self._counter_key(kind, year), ConsistentRead=True
        )
        return int(item.get("Item", {}).get("tally", {}).get("N", "0"))

    def _try_issue(self, invoice: Invoice, last: int) -> list[dict[str, Any]] | None:
        """None if stored; else the cancellation reasons of (counter, invoice)."""
        counter: dict[str, Any] = {
            "TableName": self._table,
            "Key": self._counter_key(invoice.kind, invoice.year),
            "UpdateExpression": "SET tally = :next, entity = :entity",
            "ExpressionAttributeValues": {":next": {"N": str(last + 1)}, ":entity": {"S": "InvoiceCounter"}},
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
        if last == 0:
            counter["ConditionExpression"] = "attribute_not_exists(pk)"
        else:
            counter["ConditionExpression"] = "tally = :last"
            counter["ExpressionAttributeValues"][":last"] = {"N": str(last)}
        new = "attribute_not_exists(pk)"
        items = [
            {"Update": counter},
            {"Put": {"TableName": self._table, "Item": self._item(invoice), "ConditionExpression": new}},
        ]
        try:
            self._db.transact_write_items(TransactItems=items)
        except self._db.exceptions.TransactionCanceledException as error:
            reasons: list[dict[str, Any]] = error.response.get("CancellationReasons") or [{}, {}]
            return reasons
        return None

    def _item(self, i: Invoice) -> dict[str, Any]:
        sort = {"S": f"{i.issued_at.isoformat()}#{i.id}"}
        item = {
            "pk": {"S": f"INVOICE#{i.id}"},
            "sk": {"S": "INVOICE"},
            "entity": {"S": "Invoice"},
            "data": {"S": invoice_json(i)},
            "gsi1pk": {"S": f"CUSTOMER_INVOICES#{i.customer_id}"},
            "gsi1sk": sort,
            "gsi3pk": {"S": f"INVOICES#{i.issued_at:%Y-%m}"},
            "gsi3sk": sort,
        }
        if i.organisation_id:
            item["gsi2pk"], item["gsi2sk"] = {"S": f"ORG_INVOICES#{i.organisation_id}"}, sort
        return item

    def for_source(self, source_id: str, kind: InvoiceKind) -> Invoice | None:
        return self.get(invoice_id_for(source_id, kind))

    def get(self, invoice_id: str) -> Invoice | None:
        key = {"pk": {"S": f"INVOICE#{invoice_id}"}, "sk": {"S": "INVOICE"}}
        item = self._db.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")
        return read_invoice(item["data"]["S"]) if item else None

    def for_organisation(self, organisation_id: str) -> list[Invoice]:
        return self._query("gsi2", f"ORG_INVOICES#{organisation_id}", newest_first=True)

    def for_customer(self, customer_id: str) -> list[Invoice]:
        return self._query("gsi1", f"CUSTOMER_INVOICES#{customer_id}", newest_first=True)

    def issued_between(self, start: date, end: date) -> list[Invoice]:
        found = [i for month in _months(start, end) for i in self._query("gsi3", f"INVOICES#{month}")]
        return [i for i in found if start <= i.issued_at.date() <= end]

    def _query(self, index: str, partition: str, newest_first: bool = False) -> list[Invoice]:
        paginator = self._db.get_paginator("query")
        pages = paginator.paginate(
            TableName=self._table,
            IndexName=index,
            KeyConditionExpression=f"{index}pk = :pk",
            ExpressionAttributeValues={":pk": {"S": partition}},
            ScanIndexForward=not newest_first,
        )
        return [read_invoice(item["data"]["S"]) for page in pages for item in page["Items"]]
