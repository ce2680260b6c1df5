"""The search desk: scoped queries for the APIs and the stream's changes for the indexer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from helpdesk.search.model.documents import SearchPage, SearchQuery, SearchScope
from helpdesk.search.ports import SearchPorts
from helpdesk.search.services import search as use_cases
from helpdesk.search.services.mapping import SearchChanges


class SearchDesk:
    def __init__(self, ports: SearchPorts) -> None:
        self._p = ports

    def search(self, scope: SearchScope, query: SearchQuery) -> SearchPage:
        """A page of hits within what `scope` may see."""
        return use_cases.search(self._p.search_index, scope, query)

    def apply_stream_records(self, records: Iterable[tuple[Mapping | None, Mapping | None]]) -> SearchChanges:
        """Fold a batch of (new_image, old_image) stream records into the index."""
        return use_cases.apply_stream_records(
            self._p.search_index, records, self._p.search_source, self._p.product_names
        )
