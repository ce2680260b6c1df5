"""SearchIndex on tantivy with the index kept in S3: for deployments too small to pay for an OpenSearch node.

The writer (the stream indexer, reserved concurrency 1) syncs its /tmp copy, commits, publishes; readers (the
search routes) sync theirs when the manifest changed, checking at most every few seconds."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from botocore.exceptions import BotoCoreError, ClientError

from helpdesk.kernel.errors import Unavailable
from helpdesk.search.adapters.s3_replica import S3IndexReplica
from helpdesk.search.adapters.tantivy_index import TantivySearchIndex
from helpdesk.search.model.documents import SearchDocument, SearchPage, SearchQuery

log = logging.getLogger(__name__)


class S3TantivySearchIndex:
    def __init__(self, replica: S3IndexReplica) -> None:
        self._replica = replica
        self._local: TantivySearchIndex | None = None

    def index(self, documents: Iterable[SearchDocument]) -> int:
        count = self._for_writing().index(documents)
        self._replica.publish()
        return count

    def delete(self, keys: Iterable[str]) -> None:
        self._for_writing().delete(keys)
        self._replica.publish()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        count = self._for_writing().rebuild(documents)
        self._replica.publish()
        return count

    def clear(self) -> None:
        self._for_writing().clear()
        self._replica.publish()

    def search(self, query: SearchQuery) -> SearchPage:
        try:
            self._replica.refresh()
        except (BotoCoreError, ClientError, OSError) as error:
            if not self._replica.holds_a_copy:
                raise Unavailable("the search index cannot be read from S3") from error
            # A failed sync leaves the last complete commit in place: answer from it, try again next time.
            log.warning("search index sync failed, answering from the last copy: %s", error)
        return self._opened().search(query)

    def _for_writing(self) -> TantivySearchIndex:
        self._replica.refresh(force=True)  # never commit on a stale copy: its manifest would be refused
        return self._opened()

    def _opened(self) -> TantivySearchIndex:
        if self._local is None:
            self._local = TantivySearchIndex(self._replica.directory)
        return self._local
