"""Text analysis as an OpenSearch index's settings describe it, Lucene's BM25 field-length encoding,
highlighting.

Modelled: custom analyzers made of `mapping` char filters, a `pattern` tokenizer whose pattern is
`[^\\p{L}\\p{N}]+` (Java regex; Python's `re` has no `\\p{..}`), the `lowercase` filter and `stemmer` filters
for russian and english. The stemmers are Snowball's, from tantivy (a dependency already): OpenSearch's
`english` is Lucene's Porter stemmer, Snowball's English is Porter2, so a few English words stem differently.
Anything else is `NotModelled`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from helpdesk_local.opensearch_spec import NotModelled, Refused

BUILTIN_FILTERS = {"lowercase"}
STEMMERS = {"russian": "russian", "english": "english"}
JAVA_PATTERNS = {r"[^\p{L}\p{N}]+": r"[\W_]+"}  # Python's \w is exactly letters, numbers and "_"


@dataclass(frozen=True)
class Token:
    term: str
    position: int
    start: int
    end: int


@cache
def _stemmer(language: str) -> Any:
    import tantivy

    stem = tantivy.Filter.stemmer(STEMMERS[language])
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw()).filter(stem).build()


@cache
def _stem(language: str, term: str) -> str:
    out = _stemmer(language).analyze(term)
    return out[0] if out else term


def _lowercase(term: str) -> str:
    # Java's Character.toLowerCase maps one code point to one (İ -> i); Python's str.lower gives "i̇".
    return "".join("i" if ch == "İ" else ch.lower() for ch in term)


class Analyzer:
    def __init__(self, char_maps: list[tuple[str, str]], split: re.Pattern[str], filters: list[str]) -> None:
        self._char_maps, self._split, self._filters = char_maps, split, filters

    def tokens(self, text: str) -> list[Token]:
        for source, target in self._char_maps:  # all modelled mappings keep the length: offsets stay valid
            text = text.replace(source, target)
        found, position, start = [], 0, 0
        for gap in [*self._split.finditer(text), None]:
            end = gap.start() if gap else len(text)
            if end > start:
                found.append(Token(self._filtered(text[start:end]), position, start, end))
                position += 1
            start = gap.end() if gap else end
        return found

    def terms(self, text: str) -> list[str]:
        return [t.term for t in self.tokens(text)]

    def _filtered(self, term: str) -> str:
        for name in self._filters:
            term = _lowercase(term) if name == "lowercase" else _stem(name, term)
        return term


def analyzers(analysis: dict[str, Any]) -> dict[str, Analyzer]:
    """The custom analyzers of an index's `settings.analysis`, by name."""
    defined = {kind: analysis.get(kind, {}) for kind in ("char_filter", "tokenizer", "filter")}
    built = {}
    for name, spec in analysis.get("analyzer", {}).items():
        if spec.get("type") != "custom":
            raise NotModelled(f"analyzer type [{spec.get('type')}]")
        maps = [
            pair for ref in spec.get("char_filter", []) for pair in _char_map(defined["char_filter"], ref)
        ]
        filters = [_filter(defined["filter"], ref) for ref in spec.get("filter", [])]
        built[name] = Analyzer(maps, _tokenizer(defined["tokenizer"], spec["tokenizer"]), filters)
    return built


def _defined(kind: str, table: dict[str, Any], ref: str) -> dict[str, Any]:
    if ref not in table:
        reason = f"Custom Analyzer failed to find {kind} under name [{ref}]"
        raise Refused(400, "mapper_parsing_exception", reason)
    return table[ref]


def _char_map(table: dict[str, Any], ref: str) -> list[tuple[str, str]]:
    spec = _defined("char_filter", table, ref)
    if spec.get("type") != "mapping":
        raise NotModelled(f"char_filter type [{spec.get('type')}]")
    pairs = [tuple(part.strip() for part in rule.split("=>")) for rule in spec.get("mappings", [])]
    if any(len(pair) != 2 or len(pair[0]) != len(pair[1]) for pair in pairs):
        raise NotModelled("mapping rules that change the text's length")
    return pairs  # type: ignore[return-value]


def _tokenizer(table: dict[str, Any], ref: str) -> re.Pattern[str]:
    spec = _defined("tokenizer", table, ref)
    if spec.get("type") != "pattern" or spec.get("pattern") not in JAVA_PATTERNS:
        raise NotModelled(f"tokenizer [{spec}]")
    return re.compile(JAVA_PATTERNS[spec["pattern"]])


def _filter(table: dict[str, Any], ref: str) -> str:
    if ref in BUILTIN_FILTERS and ref not in table:
        return ref
    spec = _defined("filter", table, ref)
    if spec.get("type") != "stemmer" or spec.get("language") not in STEMMERS:
        raise NotModelled(f"token filter [{spec}]")
    return str(spec["language"])


def norm_length(length: int) -> int:
    """A field length as Lucene stores it: SmallFloat.intToByte4 then byte4ToInt (exact below 24)."""
    free = 24  # 255 - longToInt4(Integer.MAX_VALUE)
    if length < free:
        return length
    value = length - free
    shift = value.bit_length() - 4
    encoded = value if shift < 0 else ((value >> shift) & 0x07) | ((shift + 1) << 3)
    bits, shift = encoded & 0x07, (encoded >> 3) - 1
    return free + (bits if shift == -1 else (bits | 0x08) << shift)


def highlight(text: str, marked: list[Token], pre: str, post: str, fragment_size: int) -> str | None:
    """One fragment around the first marked token, cut as the unified highlighter's bounded sentence scanner
    cuts it: its sentence plus following whole sentences while they fit in fragment_size; a longer sentence is
    cut at word boundaries to at most fragment_size before the match and the rest of fragment_size after it.
    (OpenSearch picks the best-scoring passage; this takes the first match's.)"""
    if not marked:
        return None
    marked = sorted(marked, key=lambda t: t.start)
    offset = marked[0].start
    breaks = sorted({0, len(text), *(m.end() for m in re.finditer(r"[.!?]+\s+", text))})
    start = max(b for b in breaks if b <= offset)
    end = min(b for b in breaks if b > offset)
    if end - start > fragment_size:
        words = sorted({0, len(text), *(m.start() for m in re.finditer(r"\b|[\W_]", text))})
        if offset - fragment_size > start:
            start = max(start, max((w for w in words if w < offset - fragment_size), default=0))
        remaining = max(0, fragment_size - (offset - start))
        if offset + remaining < end:
            end = min(end, min((w for w in words if w > offset + remaining), default=len(text)))
    else:
        while (grown := min((b for b in breaks if b > end), default=None)) and grown - start <= fragment_size:
            end = grown
    out, cursor = [], start
    for token in marked:
        if token.start < cursor or token.end > end:
            continue
        out += [text[cursor : token.start], pre, text[token.start : token.end], post]
        cursor = token.end
    out.append(text[cursor:end])
    return "".join(out).strip()
