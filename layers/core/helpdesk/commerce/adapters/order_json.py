"""JSON bodies of checkouts and orders as stored (one attribute, read back whole)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from helpdesk.commerce.model.orders import Checkout, Offer, Order, OrderLine
from helpdesk.commerce.model.parties import BillingDetails
from helpdesk.commerce.model.proration import ProrationLine
from helpdesk.kernel.calendar import MONTH, YEAR, Term
from helpdesk.licensing.public import Money


def _line(line: OrderLine) -> dict[str, Any]:
    o = line.offer
    return {
        "product": o.product,
        "edition": o.edition,
        "name": o.name,
        "amount": o.price.amount,
        "currency": o.price.currency,
        "manager": o.manager,
        "max_activations": o.max_activations,
        "term_months": o.term.months if o.term else None,
        "updates_months": o.updates.months,
        "domains": list(line.domains),
        "upgrade_of": line.upgrade_of,
        "plan": o.plan,
        "renews": line.renews,
        "renew_until": line.renew_until.isoformat() if line.renew_until else None,
        "changes_plan": line.changes_plan,
        "quantity": line.quantity,
        "proration": [[part.description, part.amount] for part in line.proration],
    }


def _plan(d: dict[str, Any]) -> str:
    """Bodies stored before plans were recorded tell by their term."""
    if d.get("plan"):
        return str(d["plan"])
    term = _term(d, "term")
    return "lifetime" if term is None else "monthly" if term.months == 1 else "yearly"


def _term(d: dict[str, Any], name: str) -> Term | None:
    """Bodies stored before calendar terms counted days: 31 was a month, 365 or 366 a year."""
    if f"{name}_months" in d:
        months = d[f"{name}_months"]
        return None if months is None else Term(months)
    days = d.get(f"{name}_days")
    return None if days is None else (MONTH if days < 60 else YEAR)


def _read_line(d: dict[str, Any]) -> OrderLine:
    offer = Offer(
        d["product"],
        d["edition"],
        d["name"],
        Money(d["amount"], d["currency"]),
        d["manager"],
        d["max_activations"],
        _term(d, "term"),
        _term(d, "updates") or YEAR,
        _plan(d),
    )
    until = d.get("renew_until")
    return OrderLine(
        offer,
        tuple(d["domains"]),
        d.get("upgrade_of"),
        d.get("renews"),
        datetime.fromisoformat(until) if until else None,
        d.get("changes_plan"),
        tuple(ProrationLine(text, amount) for text, amount in d.get("proration") or ()),
        int(d.get("quantity") or 1),
    )


def checkout_json(c: Checkout) -> str:
    return json.dumps(
        {
            "id": c.id,
            "email": c.customer_email,
            "name": c.customer_name,
            "lines": [_line(x) for x in c.lines],
            "created": c.created.isoformat(),
            "organisation_id": c.organisation_id,
            "billing": _billing(c.billing),
        }
    )


def _billing(b: BillingDetails | None) -> dict[str, Any] | None:
    return None if b is None else {**asdict(b), "address": list(b.address)}


def _read_billing(d: dict[str, Any] | None) -> BillingDetails | None:
    return None if d is None else BillingDetails(**{**d, "address": tuple(d["address"])})


def read_checkout(text: str) -> Checkout:
    d = json.loads(text)
    return Checkout(
        d["id"],
        d["email"],
        d["name"],
        tuple(_read_line(x) for x in d["lines"]),
        datetime.fromisoformat(d["created"]),
        d["organisation_id"],
        _read_billing(d.get("billing")),
    )


def order_json(o: Order) -> str:
    return json.dumps(
        {
            "id": o.id,
            "session_id": o.session_id,
            "payment_ref": o.payment_ref,
            "customer_id": o.customer_id,
            "email": o.customer_email,
            "lines": [_line(x) for x in o.lines],
            "amount": o.total.amount,
            "currency": o.total.currency,
            "paid_at": o.paid_at.isoformat(),
            "organisation_id": o.organisation_id,
            "license_ids": list(o.license_ids),
            "number": o.number,
        }
    )


def read_order(text: str) -> Order:
    d = json.loads(text)
    return Order(
        d["id"],
        d["session_id"],
        d["payment_ref"],
        d["customer_id"],
        d["email"],
        tuple(_read_line(x) for x in d["lines"]),
        Money(d["amount"], d["currency"]),
        datetime.fromisoformat(d["paid_at"]),
        d["organisation_id"],
        tuple(d["license_ids"]),
        int(d.get("number") or 0),
    )
