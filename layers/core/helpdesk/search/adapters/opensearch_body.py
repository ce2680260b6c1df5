"""The JSON OpenSearch receives and returns, built from domain values: index template, queries, hits.

User text only ever lands in `multi_match` query text and literal `prefix` values, never in `query_string`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from helpdesk.search.model.documents import (
    EPOCH,
    KEYWORD_FIELDS,
    DocumentType,
    SearchDocument,
    SearchFilters,
    SearchHit,
    SearchOrder,
    SearchQuery,
    Snippet,
    epoch_millis,
)
from helpdesk.search.model.syntax import Clause, Phrase, Prefix, TextQuery

TEXT_FIELDS = ["title^2", "body"]
SNIPPET_CHARS = 200
# Control characters cannot occur in indexed text, so they mark highlights unambiguously.
MARK_ON, MARK_OFF = "\u0002", "\u0003"
SOURCE_FIELDS = ["id", "type", "title", "body", "ticket_id", "organisation_id", "customer_id", "sort_at"]


def index_template(pattern: str) -> dict[str, Any]:
    analysis = {
        "char_filter": {"yo_to_ye": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]}},
        # The same split as the query parser and tantivy: runs of letters and digits.
        "tokenizer": {"letters_digits": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}},
        "filter": {
            "russian_stemmer": {"type": "stemmer", "language": "russian"},
            "english_stemmer": {"type": "stemmer", "language": "english"},
        },
        "analyzer": {
            "hd_text": {
                "type": "custom",
                "char_filter": ["yo_to_ye"],
                "tokenizer": "letters_digits",
                "filter": ["lowercase", "russian_stemmer", "english_stemmer"],
            }
        },
    }
    properties: dict[str, Any] = {name: {"type": "keyword"} for name in ("key", *KEYWORD_FIELDS)}
    properties |= {
        "title": {"type": "text", "analyzer": "hd_text"},
        "body": {"type": "text", "analyzer": "hd_text", "index_options": "offsets"},
        "internal": {"type": "boolean"},
        "sort_at": {"type": "date", "format": "epoch_millis"},
    }
    return {
        "index_patterns": [pattern],
        "template": {
            "settings": {"number_of_shards": 1, "analysis": analysis},
            "mappings": {"dynamic": "strict", "properties": properties},
        },
    }


def source_of(document: SearchDocument) -> dict[str, Any]:
    return {
        "key": document.key,
        "title": document.title,
        "body": document.body,
        "internal": document.internal,
        "sort_at": epoch_millis(document.sort_at),
    } | document.keyword_values()


def search_body(query: SearchQuery) -> dict[str, Any]:
    tiebreak = {"key": "asc"}
    sort = (
        [{"_score": "desc"}, tiebreak]
        if query.order is SearchOrder.RELEVANCE
        else [{"sort_at": "desc"}, tiebreak]
    )
    body: dict[str, Any] = {
        "query": {"bool": text_query(query.parsed) | {"filter": filter_clauses(query.filters)}},
        "sort": sort,
        "size": query.page_size + 1,  # one extra tells whether another page exists
        "track_total_hits": True,
        "track_scores": True,
        "_source": SOURCE_FIELDS,
        "highlight": {
            "pre_tags": [MARK_ON],
            "post_tags": [MARK_OFF],
            "require_field_match": False,
            "fields": {
                f: {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1} for f in ("body", "title")
            },
        },
    }
    if query.after:
        body["search_after"] = [query.after.value, query.after.key]
    if query.filters.include_internal is False:
        body["query"]["bool"].setdefault("must_not", []).append({"term": {"internal": True}})
    return body


def text_query(parsed: TextQuery) -> dict[str, list[dict[str, Any]]]:
    if parsed.matches_nothing:
        return {"must": [{"match_none": {}}]}
    must = [clause_query(c) for c in parsed.required] or [{"match_all": {}}]
    return {"must": must, "must_not": [clause_query(c) for c in parsed.excluded]}


def clause_query(clause: Clause) -> dict[str, Any]:
    if isinstance(clause, Prefix):
        value = clause.text.lower()  # prefix queries are not analysed; indexed terms are lower-case
        prefixes = [{"prefix": {field: {"value": value}}} for field in ("title", "body")]
        return {"bool": {"should": prefixes, "minimum_should_match": 1}}
    if isinstance(clause, Phrase):
        return {"multi_match": {"query": " ".join(clause.words), "type": "phrase", "fields": TEXT_FIELDS}}
    return {"multi_match": {"query": clause.text, "fields": TEXT_FIELDS, "operator": "and"}}


def filter_clauses(filters: SearchFilters) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = [{"terms": {f: list(v)}} for f, v in filters.keyword_filters().items()]
    if filters.since or filters.until:
        span: dict[str, int] = {}
        if filters.since:
            span["gte"] = epoch_millis(filters.since)
        if filters.until:
            span["lte"] = epoch_millis(filters.until)
        clauses.append({"range": {"sort_at": span}})
    return clauses


def hit_from(raw: dict[str, Any]) -> SearchHit:
    source = raw["_source"]
    return SearchHit(
        id=source["id"],
        type=DocumentType(source["type"]),
        score=float(raw.get("_score") or 0.0),
        title=source.get("title") or "",
        snippet=snippet_from(raw.get("highlight", {}), source.get("body") or ""),
        ticket_id=source.get("ticket_id"),
        organisation_id=source.get("organisation_id"),
        customer_id=source.get("customer_id"),
        sort_at=EPOCH + timedelta(milliseconds=int(source.get("sort_at") or 0)),
    )


def snippet_from(highlight: dict[str, list[str]], body: str) -> Snippet:
    fragments = highlight.get("body") or highlight.get("title")
    if not fragments:
        return Snippet(body[:SNIPPET_CHARS])
    text, spans, start = [], [], 0
    for piece in fragments[0].split(MARK_ON):
        marked, _, rest = piece.rpartition(MARK_OFF) if MARK_OFF in piece else ("", "", piece)
        if marked:
            spans.append((start, start + len(marked)))
        text.append(marked + rest)
        start += len(marked) + len(rest)
    return Snippet("".join(text), tuple(spans))
