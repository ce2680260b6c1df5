"""The user's search box syntax, parsed into a small AST that engines translate clause by clause.

Supported: words, "quoted phrases", prefix*, -exclusion. Nothing else has a meaning: `status:open`, `OR`,
`(`, `\\` are ordinary characters: user text can never raise a parse error
or reach a field it was not meant to.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_CLAUSES = 16
MAX_PHRASE_WORDS = 12
MIN_PREFIX_CHARS = 2


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    text: str


Clause = Word | Phrase | Prefix


@dataclass(frozen=True)
class TextQuery:
    required: tuple[Clause, ...] = ()
    excluded: tuple[Clause, ...] = ()
    # Text was typed but none of it is searchable (only punctuation): match nothing rather than everything.
    matches_nothing: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.required and not self.excluded and not self.matches_nothing


def words_of(text: str) -> list[str]:
    """Split text the way the engines' tokenizers do: runs of letters and digits. Case is left to the engines'
    analysers, which lower-case after splitting ("İ" becomes "i" plus a combining dot, inside the word)."""
    words: list[str] = []
    current: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char.isalnum():
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def parse_user_query(text: str) -> TextQuery:
    required: list[Clause] = []
    excluded: list[Clause] = []
    for negated, quoted, raw in _raw_tokens(text):
        clause = _clause(raw, quoted)
        if clause is None or len(required) + len(excluded) >= MAX_CLAUSES:
            continue
        target = excluded if negated else required
        if clause not in target:
            target.append(clause)
    if not required and not excluded and text.strip():
        return TextQuery(matches_nothing=True)
    return TextQuery(tuple(required), tuple(excluded))


def _raw_tokens(text: str) -> list[tuple[bool, bool, str]]:
    tokens: list[tuple[bool, bool, str]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            tokens.append((negated, True, text[i + 1 : end]))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        tokens.append((negated, False, text[start:i]))
    return tokens


def _clause(raw: str, quoted: bool) -> Clause | None:
    words = words_of(raw)
    if not words:
        return None
    if len(words) > 1:
        return Phrase(tuple(words[:MAX_PHRASE_WORDS]))
    if not quoted and raw.endswith("*") and len(words[0]) >= MIN_PREFIX_CHARS:
        return Prefix(words[0])
    return Word(words[0])
