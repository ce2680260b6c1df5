"""Translate the search AST and filters into tantivy Query objects. No query string is ever parsed."""

from __future__ import annotations

import hashlib

import tantivy

from helpdesk.search.model.documents import KEYWORD_FIELDS, SearchFilters, epoch_millis
from helpdesk.search.model.syntax import Clause, Phrase, Prefix, TextQuery

TEXT_FIELDS = {"title": 2.0, "body": 1.0}
ANALYZER = "hd_text"


def text_analyzer() -> tantivy.TextAnalyzer:
    """Lower-case, then the Russian and English Snowball stemmers: each leaves the other's script alone."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(80))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("russian"))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw", fast=True)
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name="raw")
    builder.add_text_field("internal", stored=False, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=ANALYZER)
    builder.add_integer_field("sort_at", stored=True, indexed=True, fast=True)
    builder.add_integer_field("tiebreak", fast=True)
    return builder.build()


def tiebreak_of(key: str) -> int:
    """A stable 63-bit hash of the document key: orders equal scores without reading stored documents."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") >> 1


class QueryBuilder:
    def __init__(self, schema: tantivy.Schema, analyzer: tantivy.TextAnalyzer) -> None:
        self._schema = schema
        self._analyzer = analyzer

    def text(self, parsed: TextQuery) -> tantivy.Query | None:
        """The scoring part, or None when the text has no clause that survives analysis."""
        if parsed.matches_nothing:
            return tantivy.Query.empty_query()
        occurs: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for clause in parsed.required:
            query = self._clause(clause)
            if query is None:
                return tantivy.Query.empty_query()  # a required word that cannot match anything
            occurs.append((tantivy.Occur.Must, query))
        if not occurs:
            if not parsed.excluded:
                return None
            occurs.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        for clause in parsed.excluded:
            query = self._clause(clause)
            if query is not None:
                occurs.append((tantivy.Occur.MustNot, query))
        return tantivy.Query.boolean_query(occurs)

    def filters(self, filters: SearchFilters) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        occurs: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for name, values in filters.keyword_filters().items():
            any_of = tantivy.Query.term_set_query(self._schema, name, list(values))
            occurs.append((tantivy.Occur.Must, tantivy.Query.const_score_query(any_of, 0.0)))
        if not filters.include_internal:
            internal = tantivy.Query.term_query(self._schema, "internal", "true")
            occurs.append((tantivy.Occur.MustNot, internal))
        if filters.since or filters.until:
            lower = epoch_millis(filters.since) if filters.since else None
            upper = epoch_millis(filters.until) if filters.until else None
            span = tantivy.Query.range_query(self._schema, "sort_at", tantivy.FieldType.Integer, lower, upper)
            occurs.append((tantivy.Occur.Must, tantivy.Query.const_score_query(span, 0.0)))
        return occurs

    def _clause(self, clause: Clause) -> tantivy.Query | None:
        if isinstance(clause, Prefix):
            pattern = _prefix_pattern(clause)
            return self._each_field(lambda f: tantivy.Query.regex_query(self._schema, f, pattern))
        words = clause.words if isinstance(clause, Phrase) else (clause.text,)
        tokens = [token for word in words for token in self._analyzer.analyze(word)]
        if not tokens:
            return None
        if len(tokens) == 1:
            return self._each_field(lambda f: tantivy.Query.term_query(self._schema, f, tokens[0]))
        phrase: list[str | tuple[int, str]] = list(tokens)
        return self._each_field(lambda f: tantivy.Query.phrase_query(self._schema, f, phrase))

    def _each_field(self, make) -> tantivy.Query:  # type: ignore[no-untyped-def]
        alternatives = [
            (tantivy.Occur.Should, tantivy.Query.boost_query(make(field), boost))
            for field, boost in TEXT_FIELDS.items()
        ]
        return tantivy.Query.boolean_query(alternatives)


def _prefix_pattern(clause: Prefix) -> str:
    # The parser admits only letters and digits; escaping anyway keeps the regex literal if that ever changes.
    literal = "".join(ch if ch.isalnum() else "\\" + ch for ch in clause.text.lower())
    return literal + ".*"
