"""Search use cases: keep the index current, answer scoped queries, rebuild from the tables."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping

from helpdesk.domain.search import SearchDocument, SearchPage, SearchQuery, SearchScope
from helpdesk.ports import SearchIndex, SearchSource
from helpdesk.services.search_mapping import (
    SearchChanges,
    document_from_item,
    documents_from_stream_record,
    plain_item,
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
    index: SearchIndex, records: Iterable[tuple[Mapping | None, Mapping | None]]
) -> SearchChanges:
    """Fold a batch of (new_image, old_image) stream records into one delete and one write."""
    latest: dict[str, SearchDocument | None] = {}
    for new_image, old_image in records:
        changes = documents_from_stream_record(new_image, old_image)
        for key in changes.deletions:
            latest[key] = None
        for document in changes.upserts:
            latest[document.key] = document
    upserts = tuple(d for d in latest.values() if d is not None)
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


def reindex(index: SearchIndex, source: SearchSource, progress: Progress | None = None) -> int:
    """Rebuild the whole index from the tables; `progress(done_items, estimated_total)` after each batch."""
    total = source.estimated_count()

    def documents() -> Iterator[SearchDocument]:
        done = 0
        items = iter(source.items())
        while batch := list(itertools.islice(items, REINDEX_BATCH)):
            for item in batch:
                document = document_from_item(item)
                if document is not None:
                    yield document
            done += len(batch)
            if progress:
                progress(done, total)

    return index.rebuild(documents())
