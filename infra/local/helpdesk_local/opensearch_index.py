"""One OpenSearch index in memory: its mapping (from the matching index template and the create body), the
documents as last refreshed and the writes since, and the checks a document's fields go through."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from helpdesk_local.opensearch_query import Corpus, Doc
from helpdesk_local.opensearch_spec import NotModelled, Refused
from helpdesk_local.opensearch_text import Analyzer, analyzers

TYPES = {"text", "keyword", "boolean", "date"}


@dataclass
class Mapping:
    types: dict[str, str]
    analyzers: dict[str, Analyzer]
    dynamic: str

    @classmethod
    def of(cls, settings: dict[str, Any], mappings: dict[str, Any]) -> Mapping:
        """Refused for what OpenSearch refuses, NotModelled for what it accepts but we do not."""
        analysis = settings.get("analysis") or settings.get("index", {}).get("analysis") or {}
        named = analyzers(analysis)
        types, by_field = {}, {}
        for name, spec in mappings.get("properties", {}).items():
            kind = spec.get("type", "object")
            if kind not in TYPES:
                raise NotModelled(f"field type [{kind}]")
            if kind == "date" and spec.get("format") != "epoch_millis":
                raise NotModelled("date formats other than epoch_millis")
            if kind == "text":
                analyzer = spec.get("analyzer", "standard")
                if analyzer not in named:
                    if analyzer in ("standard", "simple", "whitespace", "keyword", "english", "russian"):
                        raise NotModelled(f"built-in analyzer [{analyzer}]")
                    reason = f"analyzer [{analyzer}] has not been configured in mappings"
                    raise Refused(400, "mapper_parsing_exception", reason)
                by_field[name] = named[analyzer]
            types[name] = kind
        dynamic = str(mappings.get("dynamic", "true")).lower()
        if dynamic not in ("strict", "false", "true"):
            raise Refused(400, "mapper_parsing_exception", f"unknown dynamic [{dynamic}]")
        return cls(types, by_field, dynamic)


@dataclass
class Index:
    name: str
    mapping: Mapping
    aliases: set[str]
    live: dict[str, Doc] = field(default_factory=dict)
    unrefreshed: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    versions: Counter[str] = field(default_factory=Counter)
    _corpus: Corpus | None = None

    def exists(self, doc_id: str) -> bool:
        if doc_id in self.unrefreshed:
            return self.unrefreshed[doc_id] is not None
        return doc_id in self.live

    def put(self, doc_id: str, source: dict[str, Any]) -> tuple[int, str]:
        self._check(source)
        result = "updated" if self.exists(doc_id) else "created"
        self.unrefreshed[doc_id] = source
        self.versions[doc_id] += 1
        return (200 if result == "updated" else 201), result

    def remove(self, doc_id: str) -> bool:
        found = self.exists(doc_id)
        if found:
            self.unrefreshed[doc_id] = None
            self.versions[doc_id] += 1
        return found

    def refresh(self) -> None:
        for doc_id, source in self.unrefreshed.items():
            if source is None:
                self.live.pop(doc_id, None)
            else:
                self.live[doc_id] = self._analysed(doc_id, source)
        self.unrefreshed.clear()
        self._corpus = None

    def corpus(self) -> Corpus:
        if self._corpus is None:
            self._corpus = Corpus(list(self.live.values()), self.mapping.types, self.mapping.analyzers)
        return self._corpus

    def _analysed(self, doc_id: str, source: dict[str, Any]) -> Doc:
        tokens = {
            name: analyzer.tokens(str(source[name]))
            for name, analyzer in self.mapping.analyzers.items()
            if source.get(name) is not None
        }
        counts = {name: Counter(t.term for t in found) for name, found in tokens.items()}
        return Doc(doc_id, source, tokens, counts)

    def _check(self, source: dict[str, Any]) -> None:
        for name, value in source.items():
            kind = self.mapping.types.get(name)
            if kind is None:
                if self.mapping.dynamic == "false":
                    continue  # kept in _source, not indexed
                if self.mapping.dynamic == "strict":
                    raise Refused(
                        400,
                        "strict_dynamic_mapping_exception",
                        f"mapping set to strict, dynamic introduction of [{name}] within [_doc] "
                        "is not allowed",
                    )
                raise NotModelled("dynamic mapping of new fields")
            for one in value if isinstance(value, list) else [value]:
                if one is not None and not _fits(kind, one):
                    raise Refused(
                        400, "mapper_parsing_exception", f"failed to parse field [{name}] of type [{kind}]"
                    )


def _fits(kind: str, value: Any) -> bool:
    if isinstance(value, dict):
        return False
    if kind == "boolean":
        return isinstance(value, bool) or value in ("true", "false", "")
    if kind == "date":
        return (isinstance(value, int) and not isinstance(value, bool)) or str(value).lstrip("-").isdigit()
    return True
