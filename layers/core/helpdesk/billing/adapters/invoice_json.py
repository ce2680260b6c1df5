"""Invoices as stored: one JSON body, read back whole (amounts as integers, rates as decimal strings)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from helpdesk.billing.model.exchange import ExchangeRate
from helpdesk.billing.model.invoices import Invoice, InvoiceKind, InvoiceLine
from helpdesk.commerce.public import Party, TaxDecision, TaxTreatment


def invoice_json(i: Invoice) -> str:
    return json.dumps(
        {
            "id": i.id,
            "number": i.number,
            "kind": i.kind.value,
            "source_id": i.source_id,
            "issued_at": i.issued_at.isoformat(),
            "seller": asdict(i.seller),
            "buyer": asdict(i.buyer),
            "currency": i.currency,
            "lines": [asdict(x) for x in i.lines],
            "tax": {
                "treatment": i.tax.treatment.value,
                "rate": str(i.tax.rate),
                "country": i.tax.country,
                "note": i.tax.note,
            },
            "exchange": {
                "source": i.exchange.source,
                "target": i.exchange.target,
                "rate": str(i.exchange.rate),
                "published": i.exchange.published.isoformat(),
                "publisher": i.exchange.publisher,
            },
            "customer_id": i.customer_id,
            "organisation_id": i.organisation_id,
            "credits_id": i.credits_id,
            "credits_number": i.credits_number,
        }
    )


def _party(d: dict[str, Any]) -> Party:
    return Party(**{**d, "address": tuple(d.get("address", ()))})


def read_invoice(text: str) -> Invoice:
    d = json.loads(text)
    t, x = d["tax"], d["exchange"]
    return Invoice(
        d["id"],
        d["number"],
        InvoiceKind(d["kind"]),
        d["source_id"],
        datetime.fromisoformat(d["issued_at"]),
        _party(d["seller"]),
        _party(d["buyer"]),
        d["currency"],
        tuple(InvoiceLine(**line) for line in d["lines"]),
        TaxDecision(TaxTreatment(t["treatment"]), Decimal(t["rate"]), t["country"], t["note"]),
        ExchangeRate(
            x["source"],
            x["target"],
            Decimal(x["rate"]),
            date.fromisoformat(x["published"]),
            x.get("publisher", ""),
        ),
        d["customer_id"],
        d["organisation_id"],
        d["credits_id"],
        d["credits_number"],
    )
