"""SearchIndex on tantivy: an embedded BM25 engine with an on-disk index, for the local stack and tests."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import tantivy

from helpdesk.search.adapters.tantivy_query import (
    ANALYZER,
    QueryBuilder,
    build_schema,
    text_analyzer,
    tiebreak_of,
)
from helpdesk.search.model.documents import (
    EPOCH,
    DocumentType,
    PageCursor,
    SearchDocument,
    SearchHit,
    SearchOrder,
    SearchPage,
    SearchQuery,
    Snippet,
    epoch_millis,
)

SNIPPET_CHARS = 200
LOCK_ATTEMPTS = 8  # about 6 s in all: another process's batch commits well within that


@dataclass
class _Candidate:
    value: float
    address: tantivy.DocAddress
    tiebreak: int

    def sorts_after(self, value: float, tiebreak: int) -> bool:
        return self.value < value or (self.value == value and self.tiebreak > tiebreak)


class TantivySearchIndex:
    def __init__(
        self, directory: str | Path | None = None, heap_size: int = 64_000_000, threads: int = 1
    ) -> None:
        self._schema = build_schema()
        self._analyzer = text_analyzer()
        if directory is not None:
            Path(directory).mkdir(parents=True, exist_ok=True)
        path = None if directory is None else str(directory)
        self._index = tantivy.Index(self._schema, path=path, reuse=True)
        self._index.register_tokenizer(ANALYZER, self._analyzer)
        self._queries = QueryBuilder(self._schema, self._analyzer)
        self._heap_size = heap_size
        self._threads = threads

    def index(self, documents: Iterable[SearchDocument]) -> int:
        return self._write(documents, replace_all=False)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        # Readers keep the last commit until this one lands: search never sees a half-built index.
        return self._write(documents, replace_all=True)

    def delete(self, keys: Iterable[str]) -> None:
        writer = self._writer()
        for key in keys:
            writer.delete_documents_by_term("key", key)
        self._commit(writer)

    def clear(self) -> None:
        writer = self._writer()
        writer.delete_all_documents()
        self._commit(writer)

    def search(self, query: SearchQuery) -> SearchPage:
        self._index.reload()
        searcher = self._index.searcher()
        text = self._queries.text(query.parsed)
        occurs = self._queries.filters(query.filters)
        occurs.append((tantivy.Occur.Must, text or tantivy.Query.all_query()))
        combined = tantivy.Query.boolean_query(occurs)
        # Without text every hit scores the same: "relevance" would be one huge tie, so walk by date.
        by_date = query.order is SearchOrder.NEWEST or text is None
        candidates, total, more = self._page(searcher, combined, query, by_date)
        snippets = _Snippets(searcher, self._schema, text)
        hits = tuple(self._hit(searcher, c, snippets) for c in candidates)
        cursor = None
        if more and hits:
            seen = (query.after.seen if query.after else 0) + len(hits)
            cursor = PageCursor(query.order, candidates[-1].value, hits[-1].key, seen).encode()
        return SearchPage(hits=hits, total=total, next_cursor=cursor)

    def _page(
        self, searcher: tantivy.Searcher, query: tantivy.Query, request: SearchQuery, by_date: bool
    ) -> tuple[list[_Candidate], int, bool]:
        """Top hits after the cursor, ties by a hash of the key (a fast field, so no stored document is read):
        fetch deeper until no unseen hit sorts earlier. BM25 ties are common, so this matters."""
        after = request.after
        size = request.page_size
        limit = (after.seen if after else 0) + size + 1
        total: int | None = None
        while True:
            result = searcher.search(
                query, limit, count=total is None, order_by_field="sort_at" if by_date else None
            )
            addresses = [address for _, address in result.hits]
            ties = searcher.fast_field_values("tiebreak", addresses)
            fetched = [
                _Candidate(float(v), a, int(t or 0)) for (v, a), t in zip(result.hits, ties, strict=True)
            ]
            exhausted = len(fetched) < limit
            remaining = fetched
            if after is not None:
                remaining = [c for c in fetched if c.sorts_after(after.value, tiebreak_of(after.key))]
            remaining.sort(key=lambda c: (-c.value, c.tiebreak))
            lowest = fetched[-1].value if fetched else 0.0
            if total is None:
                total = int(result.count)  # type: ignore[attr-defined]  # present at run time, not in the stubs
            if exhausted:
                return remaining[:size], total, len(remaining) > size
            if len(remaining) >= size and lowest < remaining[size - 1].value:
                return remaining[:size], total, True
            limit *= 2

    def _hit(self, searcher: tantivy.Searcher, candidate: _Candidate, snippets: _Snippets) -> SearchHit:
        stored = searcher.doc(candidate.address)
        first = lambda name: stored.get_first(name) or None  # noqa: E731
        return SearchHit(
            id=first("id") or "",
            type=DocumentType(first("type") or ""),
            score=candidate.value,
            title=first("title") or "",
            snippet=snippets.of(stored),
            ticket_id=first("ticket_id"),
            organisation_id=first("organisation_id"),
            customer_id=first("customer_id"),
            sort_at=EPOCH + timedelta(milliseconds=int(first("sort_at") or 0)),
        )

    def _write(self, documents: Iterable[SearchDocument], replace_all: bool) -> int:
        writer = self._writer()
        if replace_all:
            writer.delete_all_documents()
        count = 0
        for document in documents:
            if not replace_all:
                writer.delete_documents_by_term("key", document.key)
            writer.add_document(_to_tantivy(document))
            count += 1
        self._commit(writer)
        return count

    def _writer(self) -> tantivy.IndexWriter:
        # A writer per operation: it holds the directory lock, and the CLI and local stack share the index.
        for attempt in range(LOCK_ATTEMPTS):
            try:
                return self._index.writer(heap_size=self._heap_size, num_threads=self._threads)
            except ValueError as error:
                if "LockBusy" not in str(error) or attempt == LOCK_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _commit(self, writer: tantivy.IndexWriter) -> None:
        writer.commit()
        writer.wait_merging_threads()
        self._index.reload()


class _Snippets:
    def __init__(
        self, searcher: tantivy.Searcher, schema: tantivy.Schema, text: tantivy.Query | None
    ) -> None:
        self._generators: dict[str, tantivy.SnippetGenerator] = {}
        if text is not None:
            for field in ("body", "title"):
                generator = tantivy.SnippetGenerator.create(searcher, text, schema, field)
                generator.set_max_num_chars(SNIPPET_CHARS)
                self._generators[field] = generator

    def of(self, stored: tantivy.Document) -> Snippet:
        for generator in self._generators.values():
            snippet = generator.snippet_from_doc(stored)
            if snippet.highlighted():
                return _to_snippet(snippet)
        body = stored.get_first("body") or ""
        return Snippet(body[:SNIPPET_CHARS])


def _to_snippet(snippet: tantivy.Snippet) -> Snippet:
    # tantivy reports UTF-8 byte offsets; the domain speaks characters.
    raw = snippet.fragment().encode()
    chars = lambda end: len(raw[:end].decode(errors="ignore"))  # noqa: E731
    spans = tuple((chars(h.start), chars(h.end)) for h in snippet.highlighted())
    return Snippet(snippet.fragment(), spans)


def _to_tantivy(document: SearchDocument) -> tantivy.Document:
    key = document.key
    return tantivy.Document(
        key=key,
        tiebreak=tiebreak_of(key),
        title=document.title,
        body=document.body,
        internal="true" if document.internal else "false",
        sort_at=epoch_millis(document.sort_at),
        **document.keyword_values(),
    )
