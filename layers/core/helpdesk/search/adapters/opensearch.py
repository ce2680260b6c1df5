"""SearchIndex on OpenSearch: an alias over versioned indices, bulk writes with retries, SigV4 on AWS."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlparse

from helpdesk.search.adapters.opensearch_body import hit_from, index_template, search_body, source_of
from helpdesk.search.model.documents import PageCursor, SearchDocument, SearchPage, SearchQuery

RETRYABLE = {429, 502, 503, 504}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "opensearch"}


class SearchBackendError(Exception):
    """OpenSearch refused documents for a reason retrying will not fix, or kept refusing past the retries."""


def opensearch_client(url: str, region: str = "eu-central-1", service: str = "es") -> Any:
    """A client for `url`: unsigned for a local node, SigV4-signed with the Lambda's role everywhere else."""
    from opensearchpy import AWSV4SignerAuth, OpenSearch, RequestsHttpConnection

    parsed = urlparse(url)
    if parsed.hostname in LOCAL_HOSTS:
        return OpenSearch(hosts=[url], timeout=30)
    import boto3

    auth = AWSV4SignerAuth(boto3.Session().get_credentials(), region, service)
    return OpenSearch(
        hosts=[url],
        http_auth=auth,
        use_ssl=True,
        verify_certs=True,
        connection_class=RequestsHttpConnection,
        timeout=30,
    )


class OpenSearchIndex:
    def __init__(
        self,
        client: Any,
        alias: str = "helpdesk-search",
        refresh: bool | str = "wait_for",
        chunk_size: int = 500,
        max_retries: int = 5,
        backoff_s: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._alias = alias
        self._refresh = refresh
        self._chunk_size = chunk_size
        self._max_retries = max_retries
        self._backoff_s = backoff_s
        self._sleep = sleep
        self._clock = clock

    def ensure(self) -> None:
        """Install the index template and, on first use, the first index behind the alias."""
        self._client.indices.put_index_template(name=self._alias, body=index_template(f"{self._alias}-*"))
        if not self._client.indices.exists_alias(name=self._alias):
            self._client.indices.create(index=self._new_index_name(), body={"aliases": {self._alias: {}}})

    def index(self, documents: Iterable[SearchDocument]) -> int:
        return self._bulk(self._alias, ((_upsert(d), d) for d in documents), self._refresh)

    def delete(self, keys: Iterable[str]) -> None:
        self._bulk(self._alias, (({"delete": {"_id": key}}, None) for key in keys), self._refresh)

    def search(self, query: SearchQuery) -> SearchPage:
        raw = self._client.search(index=self._alias, body=search_body(query))
        found = raw["hits"]["hits"]
        page, more = found[: query.page_size], len(found) > query.page_size
        cursor = None
        if more and page:
            value, key = page[-1]["sort"]
            cursor = PageCursor(query.order, float(value), str(key)).encode()
        return SearchPage(tuple(hit_from(h) for h in page), int(raw["hits"]["total"]["value"]), cursor)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Fill a fresh index, then move the alias in one atomic call; readers never see it half-built."""
        self.ensure()
        old = list(self._client.indices.get_alias(name=self._alias))
        new = self._new_index_name()
        self._client.indices.create(index=new, body={})
        count = self._bulk(new, ((_upsert(d), d) for d in documents), refresh=False)
        self._client.indices.refresh(index=new)
        actions = [{"remove": {"index": name, "alias": self._alias}} for name in old]
        actions.append({"add": {"index": new, "alias": self._alias}})
        self._client.indices.update_aliases(body={"actions": actions})
        for name in old:
            self._client.indices.delete(index=name)
        return count

    def clear(self) -> None:
        self._client.delete_by_query(index=self._alias, body={"query": {"match_all": {}}}, refresh=True)

    def drop(self) -> None:
        """Delete every index behind the alias and the template (tests and teardown only)."""
        for name in list(self._client.indices.get_alias(name=self._alias)):
            self._client.indices.delete(index=name)
        self._client.indices.delete_index_template(name=self._alias)

    def _new_index_name(self) -> str:
        """Time-ordered, and unique: a rebuild in the millisecond of `ensure` must not collide."""
        return f"{self._alias}-{int(self._clock() * 1000)}-{uuid.uuid4().hex[:6]}"

    def _bulk(
        self, index: str, actions: Iterator[tuple[dict, SearchDocument | None]], refresh: bool | str
    ) -> int:
        written = 0
        while chunk := list(itertools.islice(actions, self._chunk_size)):
            written += self._send_with_retries(index, chunk, refresh)
        return written

    def _send_with_retries(self, index: str, chunk: list[tuple[dict, Any]], refresh: bool | str) -> int:
        pending, written = chunk, 0
        for attempt in range(self._max_retries + 1):
            if attempt:
                self._sleep(self._backoff_s * 2 ** (attempt - 1))
            lines = [
                line for action, doc in pending for line in ([action, source_of(doc)] if doc else [action])
            ]
            try:
                response = self._client.bulk(index=index, body=lines, refresh=refresh)
            except Exception as error:
                if not _transient(error):
                    raise
                continue
            done, pending, failed = _sort_items(pending, response["items"])
            written += done
            if failed:
                raise SearchBackendError(f"{len(failed)} documents refused: {failed[:3]}")
            if not pending:
                return written
        raise SearchBackendError(
            f"{len(pending)} documents still throttled after {self._max_retries} retries"
        )


def _sort_items(
    pending: list[tuple[dict, Any]], items: list[dict]
) -> tuple[int, list[tuple[dict, Any]], list[str]]:
    """Split a bulk response into written, retryable (throttled) and refused items."""
    done, retry, failed = 0, [], []
    for (action, doc), item in zip(pending, items, strict=True):
        result = next(iter(item.values()))
        status = int(result.get("status", 500))
        if status < 300 or (status == 404 and "delete" in action):
            done += 1
        elif status in RETRYABLE:
            retry.append((action, doc))
        else:
            failed.append(f"{next(iter(action.values()))['_id']}: {result.get('error')}")
    return done, retry, failed


def _transient(error: Exception) -> bool:
    from opensearchpy.exceptions import ConnectionError, TransportError

    return isinstance(error, ConnectionError) or (
        isinstance(error, TransportError) and error.status_code in RETRYABLE
    )


def _upsert(document: SearchDocument) -> dict[str, Any]:
    return {"index": {"_id": document.key}}
