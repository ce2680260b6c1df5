"""Items of the single `helpdesk` table, and DynamoDB stream images of them, as search documents.

Each item names its kind in `entity`; the attribute names read here are listed in docs/search.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from helpdesk.search.model.documents import DocumentType, SearchDocument, document_key
from helpdesk.search.ports import ProductTitles
from helpdesk.search.services.items import ITEM_MAPPERS, license_

Item = Mapping[str, Any]


@dataclass(frozen=True)
class SearchChanges:
    upserts: tuple[SearchDocument, ...] = ()
    deletions: tuple[str, ...] = ()


def document_from_item(item: Item, titles: ProductTitles | None = None) -> SearchDocument | None:
    """The search document for a plain table item, or None when its entity is not searchable; `titles` names
    the products of licenses."""
    entity = str(item.get("entity", "")).lower()
    mapper: Callable[[Item], SearchDocument] | None = ITEM_MAPPERS.get(entity)
    if mapper is None:
        return None
    fields = flattened(item)
    if not fields.get("id"):
        return None
    return license_(fields, titles) if entity == "license" else mapper(fields)


def flattened(item: Item) -> dict[str, Any]:
    """The item's own attributes plus the entity it carries as JSON (`data` for tickets, messages and people,
    `body` for orders), and an `id` from the `PREFIX#id` partition key when the item has none."""
    fields = dict(item)
    for carrier in ("data", "body"):
        raw = item.get(carrier)
        if isinstance(raw, str) and raw.startswith("{"):
            try:
                fields |= json.loads(raw)
            except ValueError:
                pass
    if not fields.get("id") and "#" in str(item.get("pk", "")):
        fields["id"] = str(item["pk"]).split("#", 1)[1]
    return fields


def documents_from_stream_record(
    new_image: Item | None, old_image: Item | None, titles: ProductTitles | None = None
) -> SearchChanges:
    """What one stream record (INSERT, MODIFY or REMOVE; typed or plain images) changes in the index."""
    new = plain_item(new_image) if new_image else None
    old = plain_item(old_image) if old_image else None
    document = document_from_item(new, titles) if new else None
    old_key = _key_of(flattened(old)) if old else None
    if new is not None and new.get("deleted_at"):
        document = None  # soft-deleted records leave search at once
        old_key = old_key or _key_of(flattened(new))
    deletions = (old_key,) if old_key and (document is None or document.key != old_key) else ()
    return SearchChanges(upserts=(document,) if document else (), deletions=deletions)


def _key_of(item: Item) -> str | None:
    entity = str(item.get("entity", "")).lower()
    if entity not in ITEM_MAPPERS or not item.get("id"):
        return None
    return document_key(DocumentType(entity), str(item["id"]))


def plain_item(image: Item) -> dict[str, Any]:
    """Undo DynamoDB's typed JSON ({"S": "x"}) when present; plain items pass through unchanged."""
    return {name: _plain(value) for name, value in image.items()}


def _plain(value: Any) -> Any:
    if not (isinstance(value, Mapping) and len(value) == 1):
        return value
    ((tag, inner),) = value.items()
    if tag in ("S", "B", "BOOL"):
        return inner
    if tag == "N":
        return Decimal(inner)
    if tag == "NULL":
        return None
    if tag in ("SS", "BS"):
        return set(inner)
    if tag == "NS":
        return {Decimal(n) for n in inner}
    if tag == "L":
        return [_plain(v) for v in inner]
    if tag == "M":
        return {k: _plain(v) for k, v in inner.items()}
    return value
