"""Invoices on the single table, numbered gap-free: one transaction moves the year's counter from n to n+1,
stores invoice n+1 and claims its source; if another writer moved the counter first, read it again and retry.

INVOICE#<id>                     / INVOICE  the invoice (gsi1 CUSTOMER_INVOICES#<customer>, gsi2
                                            ORG_INVOICES#<organisation>, gsi3 INVOICES#<yyyy-mm>; sk <issued>#<id>)
INVOICE_SERIES#<series>#<year>   / COUNTER  tally = the last number issued
INVOICE_SOURCE#<order>           / <kind>   ref = the invoice of that order and kind
"""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from helpdesk.adapters.invoice_json import invoice_json, read_invoice
from helpdesk.domain.errors import Conflict
from helpdesk.domain.invoices import Invoice, InvoiceKind

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
        for attempt in range(ATTEMPTS):
            existing = self.for_source(draft.source_id, draft.kind)
            if existing is not None:
                return existing
            last = self._last_number(draft.kind, draft.year)
            invoice = draft.numbered(last + 1)
            if self._try_issue(invoice, last):
                return invoice
            time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 20)))  # jittered: fewer collisions
        raise Conflict(f"could not number invoice {draft.id}: the counter is too contended")

    def _counter_key(self, kind: InvoiceKind, year: int) -> dict[str, Any]:
        return {"pk": {"S": f"INVOICE_SERIES#{kind.series}#{year}"}, "sk": {"S": "COUNTER"}}

    def _last_number(self, kind: InvoiceKind, year: int) -> int:
        item = self._db.get_item(TableName=self._table, Key=self._counter_key(kind, year), ConsistentRead=True)
        return int(item.get("Item", {}).get("tally", {}).get("N", "0"))

    def _try_issue(self, invoice: Invoice, last: int) -> bool:
        counter: dict[str, Any] = {
            "TableName": self._table,
            "Key": self._counter_key(invoice.kind, invoice.year),
            "UpdateExpression": "SET tally = :next, entity = :entity",
            "ExpressionAttributeValues": {":next": {"N": str(last + 1)}, ":entity": {"S": "InvoiceCounter"}},
        }
        if last == 0:
            counter["ConditionExpression"] = "attribute_not_exists(pk)"
        else:
            counter["ConditionExpression"] = "tally = :last"
            counter["ExpressionAttributeValues"][":last"] = {"N": str(last)}
        new = "attribute_not_exists(pk)"
        source = {
            "pk": {"S": f"INVOICE_SOURCE#{invoice.source_id}"},
            "sk": {"S": invoice.kind.value},
            "entity": {"S": "InvoiceSource"},
            "ref": {"S": invoice.id},
        }
        items = [
            {"Update": counter},
            {"Put": {"TableName": self._table, "Item": self._item(invoice), "ConditionExpression": new}},
            {"Put": {"TableName": self._table, "Item": source, "ConditionExpression": new}},
        ]
        try:
            self._db.transact_write_items(TransactItems=items)
        except self._db.exceptions.TransactionCanceledException:
            return False  # the counter moved or the source got its invoice: the loop looks again
        return True

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
        key = {"pk": {"S": f"INVOICE_SOURCE#{source_id}"}, "sk": {"S": kind.value}}
        item = self._db.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")
        return self.get(item["ref"]["S"]) if item else None

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
