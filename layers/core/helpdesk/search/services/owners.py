"""Messages are stored without their ticket's organisation and customer; the cabinet's scope needs both."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from helpdesk.search.model.documents import DocumentType, SearchDocument, SearchFilters, SearchQuery
from helpdesk.search.ports import SearchIndex
from helpdesk.search.services.mapping import document_from_item, plain_item

Owners = dict[str, tuple[str | None, str | None]]  # ticket id -> (organisation id, customer id)
LOOKUP_PAGE = 100


def moved_tickets(new_image: Mapping | None, old_image: Mapping | None) -> set[str]:
    """The ticket of a stream record whose organisation or customer changed (its messages must follow)."""
    if not new_image or not old_image:
        return set()
    new, old = (document_from_item(plain_item(image)) for image in (new_image, old_image))
    if new is None or old is None or new.type is not DocumentType.TICKET:
        return set()
    same = (new.organisation_id, new.customer_id) == (old.organisation_id, old.customer_id)
    return set() if same else {new.id}


def ticket_owners(documents: Iterable[SearchDocument]) -> Owners:
    """A staff-internal ticket lends its messages no owner: no customer's scope ever reaches them."""
    return {
        d.id: (None, None) if d.internal else (d.organisation_id, d.customer_id)
        for d in documents
        if d.type is DocumentType.TICKET
    }


def needs_owner(document: SearchDocument) -> bool:
    return document.type is DocumentType.MESSAGE and not document.organisation_id and bool(document.ticket_id)


def with_owner(document: SearchDocument, owners: Owners) -> SearchDocument:
    if not needs_owner(document) or document.ticket_id not in owners:
        return document
    organisation_id, customer_id = owners[document.ticket_id or ""]
    return replace(document, organisation_id=organisation_id, customer_id=document.customer_id or customer_id)


def owners_from_index(index: SearchIndex, ticket_ids: Iterable[str]) -> Owners:
    """Owners of tickets already indexed (the ticket documents carry them)."""
    wanted = sorted(set(ticket_ids))
    owners: Owners = {}
    for start in range(0, len(wanted), LOOKUP_PAGE):
        chunk = tuple(wanted[start : start + LOOKUP_PAGE])
        filters = SearchFilters(types=(DocumentType.TICKET,), ticket_ids=chunk, include_internal=False)
        for hit in index.search(SearchQuery(filters=filters, page_size=LOOKUP_PAGE)).hits:
            owners[hit.id] = (hit.organisation_id, hit.customer_id)
    return owners


def complete_owners(index: SearchIndex, documents: list[SearchDocument]) -> list[SearchDocument]:
    """Fill messages' owners from tickets in the same batch, else from the tickets already in the index."""
    owners = ticket_owners(documents)
    missing = {d.ticket_id or "" for d in documents if needs_owner(d) and d.ticket_id not in owners}
    if missing:
        owners |= owners_from_index(index, missing)
    return [with_owner(d, owners) for d in documents]
