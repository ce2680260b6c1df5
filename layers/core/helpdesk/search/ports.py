"""The search context's ports: the full-text index, where documents come from, and the ticket messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from helpdesk.search.model.documents import SearchDocument, SearchPage, SearchQuery


class SearchIndex(Protocol):
    """Full-text index of tickets, messages, customers, orders, licenses and tasks (tantivy or OpenSearch)."""

    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents by key; returns how many were written. Visible to search on return."""
        ...

    def delete(self, keys: Iterable[str]) -> None:
        """Remove documents by `document_key`; unknown keys are ignored."""
        ...

    def search(self, query: SearchQuery) -> SearchPage: ...

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Replace the whole index; searches keep answering from the old contents until the swap."""
        ...

    def clear(self) -> None: ...


class SearchSource(Protocol):
    """Everything search should hold, read from the tables for a rebuild."""

    def estimated_count(self) -> int | None: ...

    def items(self) -> Iterable[dict[str, Any]]:
        """Plain (not DynamoDB-typed) items of the table, any entity: the mapper picks what it indexes."""
        ...


class TicketMessageItems(Protocol):
    def message_items(self, ticket_id: str) -> Iterable[Mapping[str, Any]]:
        """The table items of a ticket's messages (plain or typed), for re-owning them in the index."""
        ...


class ProductTitles(Protocol):
    def title(self, product: str, edition: str) -> str:
        """`SEO Pro — Standard` for `seo-pro`, `standard`: what people call what a license is for."""
        ...


class SearchPorts(Protocol):
    """Looked up per call: the APIs never build the table reader only the indexer needs."""

    @property
    def search_index(self) -> SearchIndex: ...
    @property
    def search_source(self) -> TicketMessageItems: ...
    @property
    def product_names(self) -> ProductTitles: ...
