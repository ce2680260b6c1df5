"""One small mapper per searchable entity: which attributes become the title, the body and the filters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from helpdesk.search.model.documents import DocumentType, SearchDocument
from helpdesk.search.ports import ProductTitles

Item = Mapping[str, Any]


def parse_time(value: Any) -> datetime | None:
    """ISO-8601 strings or epoch seconds/milliseconds, as aware UTC datetimes; anything else is None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        seconds = float(value) / (1000 if value > 10**11 else 1)
        return datetime.fromtimestamp(seconds, tz=UTC)
    if isinstance(value, str) and value:
        try:
            return parse_time(datetime.fromisoformat(value))
        except ValueError:
            return None
    return None


def _text(*values: Any) -> str:
    """Join whatever is present (strings, numbers, lists, sets, maps' name-like fields) into one text."""
    parts: list[str] = []
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, Mapping):
            keys = ("name", "title", "filename", "sku", "product", "edition", "domains")
            parts.append(_text(*(value.get(k) for k in keys)))
        elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
            parts.append(_text(*sorted(value, key=str) if isinstance(value, set) else value))
        else:
            parts.append(str(value))
    return " ".join(p for p in parts if p)


def _opt(item: Item, *names: str) -> str | None:
    for name in names:
        value = item.get(name)
        if value not in (None, ""):
            return str(value)
    return None


def _common(item: Item, doc_type: DocumentType) -> dict[str, Any]:
    return {
        "id": str(item["id"]),
        "type": doc_type,
        "organisation_id": _opt(item, "organisation_id"),
        "customer_id": _opt(item, "customer_id"),
        "created_at": parse_time(item.get("created_at") or item.get("issued") or item.get("paid_at")),
        "updated_at": parse_time(item.get("updated_at") or item.get("last_activity_at")),
    }


def ticket(item: Item) -> SearchDocument:
    number = _opt(item, "number")
    tags = tuple(sorted(str(t) for t in item.get("tags") or ()))
    return SearchDocument(
        **_common(item, DocumentType.TICKET),
        title=_text(f"#{number}" if number else None, item.get("subject")),
        body=_text(number, item.get("status"), item.get("priority"), tags, item.get("assignee")),
        ticket_id=str(item["id"]),
        status=_opt(item, "status"),
        assignee=_opt(item, "assignee"),
        mailbox=_opt(item, "mailbox"),
        tags=tags,
        internal=bool(item.get("internal")),
    )


def message(item: Item) -> SearchDocument:
    attachments = item.get("attachments") or item.get("attachment_names")
    # Staff notes are messages with direction "note".
    internal = (
        bool(item.get("internal")) or item.get("direction") == "note" or item.get("visibility") == "internal"
    )
    sender = item.get("from_") or item.get("from_address")
    return SearchDocument(
        **_common(item, DocumentType.MESSAGE),
        title=_text(item.get("subject")),
        body=_text(item.get("text") or item.get("reply"), sender, attachments),
        ticket_id=_opt(item, "ticket_id"),
        mailbox=_opt(item, "mailbox"),
        internal=internal,
    )


def customer(item: Item) -> SearchDocument:
    fields = _common(item, DocumentType.CUSTOMER) | {"customer_id": str(item["id"])}
    return SearchDocument(
        **fields,
        title=_text(item.get("name")) or _text(item.get("email")),  # a person, never their id
        body=_text(item.get("email"), item.get("phone"), item.get("address")),
        internal=True,
    )


def organisation(item: Item) -> SearchDocument:
    fields = _common(item, DocumentType.ORGANISATION) | {"organisation_id": str(item["id"])}
    return SearchDocument(
        **fields,
        title=_text(item.get("name")) or _text(item.get("domain"), item.get("domains")),
        body=_text(item.get("domain"), item.get("domains"), item.get("address"), item.get("vat_id")),
        internal=True,
    )


def _order_title(item: Item) -> str:
    """`ORD-2026-001042` (as commerce labels it), or `Order of 2026-12-07` for an order from before numbers:
    never its id."""
    paid = parse_time(item.get("paid_at") or item.get("created_at"))
    if item.get("number"):
        return f"ORD-{paid.year}-{int(item['number']):06d}" if paid else f"Order {item['number']}"
    return f"Order of {paid:%Y-%m-%d}" if paid else "Order"


def order(item: Item) -> SearchDocument:
    number = item.get("number") or None
    lines = item.get("lines") or item.get("items")
    total = item.get("amount") or item.get("total")
    names = [str(x["name"]) for x in lines or () if isinstance(x, Mapping) and x.get("name")]
    title = _order_title(item)
    return SearchDocument(
        **_common(item, DocumentType.ORDER),
        title=f"{title} · {', '.join(dict.fromkeys(names))}" if names else title,
        body=_text(
            number,
            item.get("id"),
            item.get("payment_ref"),
            item.get("email"),
            lines,
            total,
            item.get("currency"),
        ),
        status=_opt(item, "status"),
    )


def license_(item: Item, titles: ProductTitles | None = None) -> SearchDocument:
    """Titled with the product's name where the catalogue knows it (`titles`), else with its slugs."""
    state = "revoked" if item.get("revoked_at") else "suspended" if item.get("suspended") else None
    product, edition = str(item.get("product") or ""), str(item.get("edition") or "")
    named = titles.title(product, edition) if titles is not None and product else None
    return SearchDocument(
        **_common(item, DocumentType.LICENSE),
        title=_text(named or _text(product, edition), item.get("key_prefix")),
        body=_text(item.get("id"), item.get("key_prefix"), item.get("domain"), item.get("domains")),
        status=state or _opt(item, "state", "status") or "active",
    )


def task(item: Item) -> SearchDocument:
    tickets = item.get("ticket_ids") or []  # the tasks context keeps every ticket a task came from
    return SearchDocument(
        **_common(item, DocumentType.TASK),
        title=_text(item.get("key"), item.get("title")),
        body=_text(item.get("key"), item.get("description"), item.get("labels"), item.get("result")),
        ticket_id=_opt(item, "ticket_id") or (str(tickets[0]) if tickets else None),
        status=_opt(item, "status"),
        assignee=_opt(item, "assignee"),
        internal=True,
    )


ITEM_MAPPERS: dict[str, Callable[[Item], SearchDocument]] = {
    "ticket": ticket,
    "message": message,
    "customer": customer,
    "organisation": organisation,
    "order": order,
    "license": license_,
    "task": task,
}
