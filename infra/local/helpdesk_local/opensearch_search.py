"""The `_search` and `_delete_by_query` bodies over in-memory indices: matching, sorting with search_after,
total hits, _source filtering and highlighting, in the shape OpenSearch answers."""

from __future__ import annotations

import fnmatch
import struct
from dataclasses import dataclass
from typing import Any

from helpdesk_local.opensearch_index import Index
from helpdesk_local.opensearch_query import Doc, Marks, parse
from helpdesk_local.opensearch_spec import NotModelled, Refused, spec
from helpdesk_local.opensearch_text import highlight

MODELLED = {"query", "sort", "size", "from", "track_total_hits", "track_scores", "_source", "highlight",
            "search_after"}  # fmt: skip
HIGHLIGHT = {"pre_tags", "post_tags", "require_field_match", "fields", "fragment_size", "number_of_fragments"}
FIRST, LAST = (0,), (1,)


@dataclass
class Hit:
    index: Index
    doc: Doc
    score: float
    marks: Marks


def _float32(value: float) -> float:
    """Lucene scores are 32-bit floats; equal-looking scores tie as they do in OpenSearch."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


def _known_keys() -> set[str]:
    body = spec()["components"]["requestBodies"]["search"]["content"]["application/json"]["schema"]
    return set(body["properties"])


def matching(indices: list[Index], query: Any) -> list[Hit]:
    hits = []
    for index in indices:
        corpus, marks = index.corpus(), Marks()
        score = parse(query or {"match_all": {}}, corpus, marks)
        hits += [Hit(index, d, _float32(s), marks) for d in corpus.docs if (s := score(d)) is not None]
    return hits


def search(indices: list[Index], body: dict[str, Any]) -> dict[str, Any]:
    for key in body:
        if key not in MODELLED:
            if key in _known_keys():
                raise NotModelled(f"search option [{key}]")
            raise Refused(400, "parsing_exception", f"Unknown key for a START_OBJECT in [{key}].")
    hits = matching(indices, body.get("query"))
    sorts = _sorts(body.get("sort"), indices)
    keyed = sorted(((_sort_key(h, sorts), h) for h in hits), key=lambda pair: pair[0])
    if "search_after" in body:
        after = _after(body["search_after"], sorts, indices)
        keyed = [(key, h) for key, h in keyed if key > after]
    start, size = int(body.get("from", 0)), int(body.get("size", 10))
    scored = sorts == [("_score", "desc")] or bool(body.get("track_scores"))
    page = [_hit(h, sorts, body, scored) for _, h in keyed[start : start + size]]
    found: dict[str, Any] = {"max_score": max((h.score for h in hits), default=None) if scored else None}
    tracked = body.get("track_total_hits", 10_000)
    if tracked is not False:
        cap = len(hits) if tracked is True else int(tracked)
        found["total"] = {"value": min(len(hits), cap), "relation": "eq" if len(hits) <= cap else "gte"}
    shards = {"total": len(indices), "successful": len(indices), "skipped": 0, "failed": 0}
    return {"took": 1, "timed_out": False, "_shards": shards, "hits": found | {"hits": page}}


def _sorts(raw: Any, indices: list[Index]) -> list[tuple[str, str]]:
    sorts = []
    for item in raw if isinstance(raw, list) else [raw] if raw else [{"_score": "desc"}]:
        name, order = (item, None) if isinstance(item, str) else next(iter(item.items()))
        if isinstance(order, dict):
            if set(order) - {"order"}:
                raise NotModelled(f"sort options {sorted(order)}")
            order = order.get("order")
        order = str(order or ("desc" if name == "_score" else "asc"))
        if name != "_score":
            kinds = {index.mapping.types.get(name) for index in indices}
            if kinds == {None}:
                raise Refused(
                    400, "query_shard_exception", f"No mapping found for [{name}] in order to sort on"
                )
            if "text" in kinds:
                raise Refused(
                    400,
                    "illegal_argument_exception",
                    f"Text fields are not optimised for operations that require per-document field data like "
                    f"aggregations and sorting, so these operations are disabled by default. [{name}]",
                )
        sorts.append((name, order))
    return sorts


def _value(kind: str | None, value: Any) -> Any:
    if kind == "date":
        return int(float(value))
    if kind == "boolean":
        return int(value is True or value == "true")
    return value if isinstance(value, float) else str(value)


def _sort_key(hit: Hit, sorts: list[tuple[str, str]]) -> tuple[Any, ...]:
    key: list[Any] = []
    for name, order in sorts:
        if name == "_score":
            value: Any = hit.score
        else:
            values = hit.doc.source.get(name)
            first = values[0] if isinstance(values, list) and values else values
            value = None if first in (None, []) else _value(hit.index.mapping.types.get(name), first)
        key.append(_ordered(value, order))
    return tuple(key)


def _ordered(value: Any, order: str) -> tuple[Any, ...]:
    """Missing values last in either order; descending numbers negated, descending strings inverted."""
    if value is None:
        return LAST
    if order == "asc":
        return (0, value)
    return (0, -value) if isinstance(value, int | float) else (0, tuple(-ord(c) for c in value) + (1,))


def _after(values: Any, sorts: list[tuple[str, str]], indices: list[Index]) -> tuple[Any, ...]:
    if not isinstance(values, list) or len(values) != len(sorts):
        count = len(values) if isinstance(values, list) else 1
        reason = f"search_after has {count} value(s) but sort has {len(sorts)}."
        raise Refused(400, "illegal_argument_exception", reason)
    key = []
    for value, (name, order) in zip(values, sorts, strict=True):
        kind = next((i.mapping.types.get(name) for i in indices if name in i.mapping.types), None)
        key.append(_ordered(_float32(float(value)) if name == "_score" else _value(kind, value), order))
    return tuple(key)


def _hit(hit: Hit, sorts: list[tuple[str, str]], body: dict[str, Any], scored: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "_index": hit.index.name,
        "_id": hit.doc.id,
        "_score": hit.score if scored else None,
    }
    out["_source"] = _source(hit.doc.source, body.get("_source", True))
    if "sort" in body:
        out["sort"] = [_sort_value(hit, name) for name, _ in sorts]
    if "highlight" in body:
        marked = _highlight(hit, body["highlight"])
        if marked:
            out["highlight"] = marked
    return out


def _sort_value(hit: Hit, name: str) -> Any:
    if name == "_score":
        return hit.score
    value = hit.doc.source.get(name)
    value = value[0] if isinstance(value, list) and value else value
    return None if value is None else _value(hit.index.mapping.types.get(name), value)


def _source(source: dict[str, Any], wanted: Any) -> dict[str, Any] | None:
    if wanted is True:
        return source
    if wanted is False:
        return None
    if isinstance(wanted, dict):
        if set(wanted) - {"includes"}:
            raise NotModelled("_source excludes")
        wanted = wanted.get("includes", ["*"])
    patterns = [wanted] if isinstance(wanted, str) else wanted
    return {k: v for k, v in source.items() if any(fnmatch.fnmatchcase(k, p) for p in patterns)}


def _highlight(hit: Hit, options: dict[str, Any]) -> dict[str, list[str]]:
    for key in options:
        if key not in HIGHLIGHT:
            raise NotModelled(f"highlight option [{key}]")
    if options.get("require_field_match", True) is not False:
        raise NotModelled("highlighting with require_field_match true")
    pre, post = options.get("pre_tags", ["<em>"])[0], options.get("post_tags", ["</em>"])[0]
    out = {}
    for name, local in options["fields"].items():
        merged = options | (local or {})
        if int(merged.get("number_of_fragments", 5)) != 1:
            raise NotModelled("number_of_fragments other than 1")
        tokens = hit.doc.tokens.get(name)
        if not tokens:
            continue
        text = str(hit.doc.source[name])
        fragment = highlight(text, hit.marks.tokens(tokens), pre, post, int(merged.get("fragment_size", 100)))
        if fragment:
            out[name] = [fragment]
    return out
