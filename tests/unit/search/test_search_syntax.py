"""The search box parser: what users type becomes a small, safe AST."""

from __future__ import annotations

import pytest
from helpdesk.search.model.syntax import (
    MAX_CLAUSES,
    Phrase,
    Prefix,
    TextQuery,
    Word,
    parse_user_query,
    words_of,
)
from hypothesis import given
from hypothesis import strategies as st

pytestmark = pytest.mark.unit


def test_words_phrases_prefixes_and_exclusions() -> None:
    parsed = parse_user_query('Заказ "не работает" лиценз* -спам -"old news"')
    assert parsed.required == (Word("Заказ"), Phrase(("не", "работает")), Prefix("лиценз"))
    assert parsed.excluded == (Word("спам"), Phrase(("old", "news")))


def test_punctuated_tokens_become_phrases_of_their_parts() -> None:
    assert parse_user_query("ivan@example.com").required == (Phrase(("ivan", "example", "com")),)
    assert parse_user_query("HD-1234").required == (Phrase(("HD", "1234")),)


def test_query_language_syntax_is_just_text() -> None:
    parsed = parse_user_query("status:closed OR (a AND b)")
    assert parsed.required == (Phrase(("status", "closed")), Word("OR"), Word("a"), Word("AND"), Word("b"))


def test_odd_input_degrades_gracefully() -> None:
    assert parse_user_query("") == TextQuery()
    assert parse_user_query("   ").is_empty
    assert parse_user_query('"unterminated phrase').required == (Phrase(("unterminated", "phrase")),)
    assert parse_user_query("a* -").required == (Word("a"),)  # one-letter prefixes would expand to everything
    assert parse_user_query("*** ---").matches_nothing
    assert parse_user_query("x x x").required == (Word("x"),)


def test_clause_count_is_bounded() -> None:
    parsed = parse_user_query(" ".join(f"w{i}" for i in range(100)))
    assert len(parsed.required) == MAX_CLAUSES


def test_words_are_normalised_like_the_engines_tokenizers() -> None:
    assert words_of("Ёлка, TEST_1 ünïcode") == ["Ёлка", "TEST", "1", "ünïcode"]


@given(st.text(max_size=200))
def test_any_text_parses_into_clauses_of_alphanumeric_words(text: str) -> None:
    parsed = parse_user_query(text)
    for clause in parsed.required + parsed.excluded:
        words = clause.words if isinstance(clause, Phrase) else (clause.text,)
        assert words and all(w.isalnum() for w in words)
