"""The query DSL subset the OpenSearch adapter sends, parsed as OpenSearch parses it and scored as Lucene's
BM25.

Clauses: bool (must, must_not, filter, should, minimum_should_match), match_all, match_none, multi_match
(best_fields or phrase, operator, `field^boost`), prefix, term, terms, range (numbers, epoch millis). A clause
or parameter OpenSearch does not know is refused with its `parsing_exception`; one the published spec knows
but this stand-in does not implement raises `NotModelled`. prefix, term, terms and range score a constant 1
(term queries on keywords are BM25-scored in OpenSearch; the adapter only uses them where scores do not
count).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from helpdesk_local.opensearch_spec import NotModelled, Refused, known_properties
from helpdesk_local.opensearch_text import Analyzer, Token, norm_length

K1, B = 1.2, 0.75
DSL = "_common.query_dsl___"


@dataclass
class Doc:
    id: str
    source: dict[str, Any]
    tokens: dict[str, list[Token]]
    counts: dict[str, Counter[str]] = field(default_factory=dict)


@dataclass
class Corpus:
    """A refreshed view of one index: its documents, mapping and per-field statistics."""

    docs: list[Doc]
    types: dict[str, str]
    analyzers: dict[str, Analyzer]
    _stats: dict[str, tuple[int, float, Counter[str]]] = field(default_factory=dict)

    def stats(self, name: str) -> tuple[int, float, Counter[str]]:
        if name not in self._stats:
            having = [d for d in self.docs if d.tokens.get(name)]
            total = sum(len(d.tokens[name]) for d in having)
            df: Counter[str] = Counter(t for d in having for t in set(d.counts[name]))
            self._stats[name] = (len(having), total / len(having) if having else 1.0, df)
        return self._stats[name]

    def bm25(self, name: str, terms: list[str], freq: int, doc: Doc, boost: float) -> float:
        count, avgdl, df = self.stats(name)
        idf = sum(math.log(1 + (count - df[t] + 0.5) / (df[t] + 0.5)) for t in terms)
        length = norm_length(len(doc.tokens[name]))
        return boost * idf * freq / (freq + K1 * (1 - B + B * length / avgdl))


Scorer = Callable[[Doc], float | None]  # None: no match


@dataclass
class Marks:
    """What the highlighter marks: analysed terms, phrases and prefixes of the scoring clauses."""

    terms: set[str] = field(default_factory=set)
    phrases: list[list[str]] = field(default_factory=list)
    prefixes: set[str] = field(default_factory=set)

    def tokens(self, tokens: list[Token]) -> list[Token]:
        marked = {
            t.position for t in tokens if t.term in self.terms or t.term.startswith(tuple(self.prefixes))
        }
        for phrase in self.phrases:
            for i in range(len(tokens) - len(phrase) + 1):
                if [t.term for t in tokens[i : i + len(phrase)]] == phrase:
                    marked |= {tokens[i + k].position for k in range(len(phrase))}
        return [t for t in tokens if t.position in marked]


def _parsing(reason: str) -> Refused:
    """OpenSearch's parsing_exception: the query names a clause or parameter it does not know."""
    return Refused(400, "parsing_exception", reason)


def _check(clause: str, given: dict[str, Any], modelled: set[str], schema: str) -> None:
    for name in given:
        if name in modelled:
            continue
        if name in known_properties(DSL + schema):
            raise NotModelled(f"[{clause}] parameter [{name}]")
        raise _parsing(f"[{clause}] query does not support [{name}]")


def _field_clause(clause: str, body: Any) -> tuple[str, Any]:
    names = [k for k in body if k not in ("boost", "_name")]
    if not isinstance(body, dict) or len(names) != 1:
        raise _parsing(f"[{clause}] query doesn't support multiple fields, found {names}")
    return names[0], body[names[0]]


def parse(node: Any, corpus: Corpus, marks: Marks, scoring: bool = True) -> Scorer:
    if not isinstance(node, dict) or len(node) != 1:
        raise _parsing("query malformed, must start with start_object and hold one clause")
    ((name, body),) = node.items()
    if name not in PARSERS:
        if name in known_properties(DSL + "QueryContainer"):
            raise NotModelled(f"query [{name}]")
        raise _parsing(f"unknown query [{name}]")
    return PARSERS[name](body, corpus, marks if scoring else Marks())


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _bool(body: dict[str, Any], corpus: Corpus, marks: Marks) -> Scorer:
    _check(
        "bool", body, {"must", "must_not", "filter", "should", "minimum_should_match", "boost"}, "BoolQuery"
    )
    must = [parse(q, corpus, marks) for q in _list(body.get("must", []))]
    should = [parse(q, corpus, marks) for q in _list(body.get("should", []))]
    filters = [parse(q, corpus, marks, scoring=False) for q in _list(body.get("filter", []))]
    must_not = [parse(q, corpus, marks, scoring=False) for q in _list(body.get("must_not", []))]
    wanted = body.get("minimum_should_match", 0 if must or filters else 1 if should else 0)
    if not isinstance(wanted, int) and not str(wanted).lstrip("-").isdigit():
        raise NotModelled(f"minimum_should_match [{wanted}]")
    wanted = int(wanted)

    def score(doc: Doc) -> float | None:
        if any(q(doc) is not None for q in must_not):
            return None
        if any(q(doc) is None for q in filters):
            return None
        scores = [q(doc) for q in must]
        if any(s is None for s in scores):
            return None
        matched = [s for s in (q(doc) for q in should) if s is not None]
        if len(matched) < wanted:
            return None
        return sum(s for s in scores if s is not None) + sum(matched)

    return score


def _match_all(body: dict[str, Any], corpus: Corpus, marks: Marks) -> Scorer:
    _check("match_all", body, {"boost"}, "MatchAllQuery")
    return lambda doc: float(body.get("boost", 1.0))


def _match_none(body: dict[str, Any], corpus: Corpus, marks: Marks) -> Scorer:
    _check("match_none", body, set(), "MatchNoneQuery")
    return lambda doc: None


def _multi_match(body: dict[str, Any], corpus: Corpus, marks: Marks) -> Scorer:
    _check("multi_match", body, {"query", "fields", "operator", "type", "boost"}, "MultiMatchQuery")
    kind, operator = body.get("type", "best_fields"), str(body.get("operator", "or")).lower()
    if kind not in ("best_fields", "phrase") or "fields" not in body:
        raise NotModelled(f"multi_match of type [{kind}] or without fields")
    fields = [(f.partition("^")[0], float(f.partition("^")[2] or 1)) for f in _list(body["fields"])]
    text, boost = str(body["query"]), float(body.get("boost", 1.0))
    analysed = {n: corpus.analyzers[n].terms(text) for n, _ in fields if corpus.types.get(n) == "text"}
    for terms in analysed.values():
        if kind == "phrase" and len(terms) > 1:
            marks.phrases.append(terms)
        else:
            marks.terms.update(terms)

    def field_score(doc: Doc, name: str, weight: float) -> float | None:
        terms = analysed.get(name)
        if not terms or not doc.tokens.get(name):
            return None
        if kind == "phrase" and len(terms) > 1:
            freq = _phrase_freq(doc.tokens[name], terms)
            return corpus.bm25(name, terms, freq, doc, weight * boost) if freq else None
        present = [t for t in terms if doc.counts[name][t]]
        if not present or (operator == "and" and len(present) < len(terms)):
            return None
        return sum(corpus.bm25(name, [t], doc.counts[name][t], doc, weight * boost) for t in present)

    def score(doc: Doc) -> float | None:
        found = [s for s in (field_score(doc, n, w) for n, w in fields) if s is not None]
        return max(found) if found else None

    return score


def _phrase_freq(tokens: list[Token], terms: list[str]) -> int:
    at = {(t.position, t.term) for t in tokens}
    return sum(all((t.position + i, term) in at for i, term in enumerate(terms)) for t in tokens)


def _prefix(body: dict[str, Any], corpus: Corpus, marks: Marks) -> Scorer:
    name, spec = _field_clause("prefix", body)
    spec = spec if isinstance(spec, dict) else {"value": spec}
    _check("prefix", spec, {"value", "boost"}, "PrefixQuery")
    value, boost = str(spec["value"]), float(spec.get("boost", 1.0))
    marks.prefixes.add(value)

    def score(doc: Doc) -> float | None:
        if corpus.types.get(name) == "text":
            return boost if any(t.startswith(value) for t in doc.counts.get(name, ())) else None
        return boost if any(str(v).startswith(value) for v in _values(doc, name)) else None

    return score


def _values(doc: Doc, name: str) -> list[Any]:
    return _list(doc.source.get(name, []))


def _term(body: dict[str, Any], corpus: Corpus, marks: Marks) -> Scorer:
    name, spec = _field_clause("term", body)
    spec = spec if isinstance(spec, dict) else {"value": spec}
    _check("term", spec, {"value", "boost"}, "TermQuery")
    return _one_of(corpus, name, [spec["value"]], float(spec.get("boost", 1.0)))


def _terms(body: dict[str, Any], corpus: Corpus, marks: Marks) -> Scorer:
    name, values = _field_clause("terms", body)
    if not isinstance(values, list):
        raise NotModelled("terms lookup")
    return _one_of(corpus, name, values, float(body.get("boost", 1.0)))


def _one_of(corpus: Corpus, name: str, values: list[Any], boost: float) -> Scorer:
    def score(doc: Doc) -> float | None:
        kind = corpus.types.get(name)
        if kind == "text":
            return boost if any(doc.counts[name][str(v)] for v in values) else None
        wanted = {_keyword(kind, v) for v in values}
        return boost if any(_keyword(kind, v) in wanted for v in _values(doc, name)) else None

    return score


def _keyword(kind: str | None, value: Any) -> Any:
    if kind == "boolean":
        return value if isinstance(value, bool) else str(value) == "true"
    if kind == "date":
        return int(value)
    return str(value)


def _range(body: dict[str, Any], corpus: Corpus, marks: Marks) -> Scorer:
    name, spec = _field_clause("range", body)
    _check("range", spec, {"gte", "lte", "gt", "lt", "boost"}, "NumberRangeQuery")
    bounds = {k: float(v) for k, v in spec.items() if k != "boost"}
    boost = float(spec.get("boost", 1.0))
    tests = {"gte": float.__ge__, "lte": float.__le__, "gt": float.__gt__, "lt": float.__lt__}

    def score(doc: Doc) -> float | None:
        if corpus.types.get(name) not in ("date", "long"):
            return None
        values = [float(v) for v in _values(doc, name)]
        hit = any(all(tests[k](v, bound) for k, bound in bounds.items()) for v in values)
        return boost if hit else None

    return score


PARSERS: dict[str, Callable[[Any, Corpus, Marks], Scorer]] = {
    "bool": _bool, "match_all": _match_all, "match_none": _match_none, "multi_match": _multi_match,
    "prefix": _prefix, "term": _term, "terms": _terms, "range": _range,
}  # fmt: skip
