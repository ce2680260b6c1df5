"""Search use cases: keep the index current, answer scoped queries, rebuild from the tables."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping

from helpdesk.search.model.documents import SearchDocument, SearchPage, SearchQuery, SearchScope
from helpdesk.search.ports import ProductTitles, SearchIndex, SearchSource, TicketMessageItems
from helpdesk.search.services.mapping import (
    SearchChanges,
    document_from_item,
    documents_from_stream_record,
    plain_item,
)
from helpdesk.search.services.owners import (
    Owners,
    complete_owners,
    moved_tickets,
    needs_owner,
    ticket_owners,
    with_owner,
)

__all__ = [
    "SearchChanges",
    "apply_stream_records",
    "document_from_item",
    "documents_from_stream_record",
    "index_documents",
    "plain_item",
    "reindex",
    "search",
]

Progress = Callable[[int, int | None], None]
REINDEX_BATCH = 1000


def index_documents(index: SearchIndex, documents: Iterable[SearchDocument]) -> int:
    """Add or replace documents; returns how many were written."""
    return index.index(documents)


def apply_stream_records(
    index: SearchIndex,
    records: Iterable[tuple[Mapping | None, Mapping | None]],
    messages: TicketMessageItems | None = None,
    titles: ProductTitles | None = None,
) -> SearchChanges:
    """Fold a batch of (new_image, old_image) stream records into one delete and one write.

    A ticket that moved to another organisation or customer takes its messages along (read from `messages`).
    """
    latest: dict[str, SearchDocument | None] = {}
    moved: set[str] = set()
    for new_image, old_image in records:
        changes = documents_from_stream_record(new_image, old_image, titles)
        for key in changes.deletions:
            latest[key] = None
        for document in changes.upserts:
            latest[document.key] = document
        moved |= moved_tickets(new_image, old_image)
    if messages is not None:
        for ticket_id in sorted(moved):
            for item in messages.message_items(ticket_id):
                message = document_from_item(plain_item(item))
                if message is not None and message.key not in latest:
                    latest[message.key] = message
    upserts = tuple(complete_owners(index, [d for d in latest.values() if d is not None]))
    deletions = tuple(k for k, d in latest.items() if d is None)
    if deletions:
        index.delete(deletions)
    if upserts:
        index.index(upserts)
    return SearchChanges(upserts, deletions)


def search(index: SearchIndex, scope: SearchScope, query: SearchQuery) -> SearchPage:
    """Answer a query within what the caller may see: a customer never gets past their organisation."""
    scoped = scope.restrict(query)
    if scoped is None:
        return SearchPage(hits=(), total=0)
    return index.search(scoped)


def reindex(
    index: SearchIndex,
    source: SearchSource,
    progress: Progress | None = None,
    titles: ProductTitles | None = None,
) -> int:
    """Rebuild the whole index from the tables; `progress(done_items, estimated_total)` after each batch."""
    total = source.estimated_count()

    def documents() -> Iterator[SearchDocument]:
        done = 0
        owners: Owners = {}
        waiting: list[SearchDocument] = []  # a scan may yield a ticket's messages before the ticket
        items = iter(source.items())
        while batch := list(itertools.islice(items, REINDEX_BATCH)):
            found = [d for d in (document_from_item(i, titles) for i in batch) if d is not None]
            owners |= ticket_owners(found)
            pending, waiting = waiting + found, []
            for document in pending:
                document = with_owner(document, owners)
                if needs_owner(document) and document.ticket_id not in owners:
                    waiting.append(document)
                else:
                    yield document
            done += len(batch)
            if progress:
                progress(done, total)
        yield from complete_owners(index, waiting)

    return index.rebuild(documents())
