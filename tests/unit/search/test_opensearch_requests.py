"""The OpenSearch adapter's requests, captured by a recording client: mappings, queries, retries, aliases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from helpdesk.search.adapters.opensearch import OpenSearchIndex, SearchBackendError, opensearch_client
from helpdesk.search.adapters.opensearch_body import MARK_OFF, MARK_ON, index_template, search_body
from helpdesk.search.model.documents import (
    DocumentType,
    PageCursor,
    SearchDocument,
    SearchFilters,
    SearchOrder,
    SearchQuery,
)

pytestmark = pytest.mark.unit


class RecordingIndices:
    def __init__(self, calls: list[tuple[str, dict]]) -> None:
        self.calls = calls
        self.aliases: dict[str, list[str]] = {}

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        def call(**kwargs: Any) -> Any:
            self.calls.append((f"indices.{name}", kwargs))
            if name == "exists_alias":
                return kwargs["name"] in self.aliases
            if name == "get_alias":
                return {index: {} for index in self.aliases.get(kwargs["name"], [])}
            return {"acknowledged": True}

        return call


class RecordingClient:
    """Answers bulk calls from a script of per-item statuses, and records every request."""

    def __init__(
        self, bulk_statuses: list[list[int]] | None = None, search_answer: dict | None = None
    ) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.indices = RecordingIndices(self.calls)
        self._bulk_statuses = list(bulk_statuses or [])
        self._search_answer = search_answer or {"hits": {"total": {"value": 0}, "hits": []}}

    def bulk(self, **kwargs: Any) -> dict:
        self.calls.append(("bulk", kwargs))
        actions = [line for line in kwargs["body"] if set(line) <= {"index", "delete"}]
        statuses = self._bulk_statuses.pop(0) if self._bulk_statuses else [201] * len(actions)
        return {
            "items": [
                {next(iter(a)): {"status": s, "error": "boom"}}
                for a, s in zip(actions, statuses, strict=True)
            ]
        }

    def search(self, **kwargs: Any) -> dict:
        self.calls.append(("search", kwargs))
        return self._search_answer

    def delete_by_query(self, **kwargs: Any) -> dict:
        self.calls.append(("delete_by_query", kwargs))
        return {}


def doc(n: int) -> SearchDocument:
    return SearchDocument(
        id=str(n), type=DocumentType.MESSAGE, body=f"text {n}", created_at=datetime(2025, 1, 1)
    )


def walk(node: Any) -> list[Any]:
    found = [node]
    if isinstance(node, dict):
        found += [x for value in node.values() for x in walk(value)]
        found += list(node)
    elif isinstance(node, list):
        found += [x for value in node for x in walk(value)]
    return found


def test_template_stems_russian_and_english_on_the_text_fields() -> None:
    template = index_template("helpdesk-search-*")
    analysis = template["template"]["settings"]["analysis"]
    chain = analysis["analyzer"]["hd_text"]["filter"]
    languages = {analysis["filter"][name]["language"] for name in chain if name in analysis["filter"]}
    assert languages == {"russian", "english"}
    props = template["template"]["mappings"]["properties"]
    assert props["title"]["analyzer"] == props["body"]["analyzer"] == "hd_text"
    assert props["organisation_id"] == {"type": "keyword"}
    assert template["index_patterns"] == ["helpdesk-search-*"]


@pytest.mark.parametrize(
    "text", ["title:x OR body:*", 'organisation_id:org-2 AND "(', "{!lucene}*:*", "a\\b ~2"]
)
def test_user_text_never_becomes_a_query_language(text: str) -> None:
    body = search_body(SearchQuery(text=text))
    names = {x for x in walk(body) if isinstance(x, str)}
    assert not names & {"query_string", "simple_query_string", "regexp", "wildcard", "script"}
    for node in walk(body["query"]):
        if isinstance(node, dict) and "multi_match" in node:
            assert set(node["multi_match"]["fields"]) == {"title^2", "body"}


def test_words_phrases_prefixes_and_exclusions_map_to_clauses() -> None:
    bool_query = search_body(SearchQuery(text='заказы "не работает" лиценз* -спам'))["query"]["bool"]
    must, must_not = bool_query["must"], bool_query["must_not"]
    assert must[0] == {"multi_match": {"query": "заказы", "fields": ["title^2", "body"], "operator": "and"}}
    assert must[1]["multi_match"] | {} == {
        "query": "не работает",
        "type": "phrase",
        "fields": ["title^2", "body"],
    }
    assert {"prefix": {"body": {"value": "лиценз"}}} in must[2]["bool"]["should"]
    assert must_not[0]["multi_match"]["query"] == "спам"


def test_filters_become_terms_ranges_and_a_hidden_internal_flag() -> None:
    filters = SearchFilters(
        types=(DocumentType.TICKET,),
        organisation_ids=("org-1",),
        since=datetime(2025, 1, 1, tzinfo=UTC),
        include_internal=False,
    )
    query = search_body(SearchQuery(text="x", filters=filters))["query"]["bool"]
    assert {"terms": {"type": ["ticket"]}} in query["filter"]
    assert {"terms": {"organisation_id": ["org-1"]}} in query["filter"]
    assert {"range": {"sort_at": {"gte": 1735689600000}}} in query["filter"]
    assert {"term": {"internal": True}} in query["must_not"]


def test_pages_use_search_after_with_a_key_tiebreak() -> None:
    cursor = PageCursor(SearchOrder.NEWEST, 1735689600000, "message:9").encode()
    body = search_body(SearchQuery(order=SearchOrder.NEWEST, page_size=10, cursor=cursor))
    assert body["sort"] == [{"sort_at": "desc"}, {"key": "asc"}]
    assert body["search_after"] == [1735689600000, "message:9"]
    assert body["size"] == 11


def test_hits_highlights_and_next_cursor_are_read_back() -> None:
    hit = {
        "_score": 2.5,
        "sort": [2.5, "message:1"],
        "_source": {"id": "1", "type": "message", "title": "T", "body": "b", "sort_at": 0},
        "highlight": {"body": [f"мой {MARK_ON}заказ{MARK_OFF} и {MARK_ON}заказы{MARK_OFF}"]},
    }
    answer = {"hits": {"total": {"value": 7}, "hits": [hit, dict(hit, sort=[1.0, "message:2"])]}}
    page = OpenSearchIndex(RecordingClient(search_answer=answer)).search(
        SearchQuery(text="заказ", page_size=1)
    )
    snippet = page.hits[0].snippet
    assert [snippet.text[a:b] for a, b in snippet.highlights] == ["заказ", "заказы"]
    assert page.total == 7
    assert PageCursor.decode(page.next_cursor or "", SearchOrder.RELEVANCE).key == "message:1"


def test_bulk_retries_only_throttled_items_with_growing_backoff() -> None:
    sleeps: list[float] = []
    client = RecordingClient(bulk_statuses=[[201, 429, 429], [429, 201], [201]])
    written = OpenSearchIndex(client, sleep=sleeps.append).index([doc(1), doc(2), doc(3)])
    bulks = [kwargs["body"] for name, kwargs in client.calls if name == "bulk"]
    assert written == 3
    assert sleeps == [0.5, 1.0]
    assert [len(b) for b in bulks] == [6, 4, 2]
    assert bulks[2][0] == {"index": {"_id": "message:2"}}


def test_bulk_gives_up_on_refused_documents_and_endless_throttling() -> None:
    with pytest.raises(SearchBackendError, match="refused"):
        OpenSearchIndex(RecordingClient(bulk_statuses=[[400]]), sleep=lambda _: None).index([doc(1)])
    throttled = RecordingClient(bulk_statuses=[[429]] * 10)
    with pytest.raises(SearchBackendError, match="throttled"):
        OpenSearchIndex(throttled, max_retries=2, sleep=lambda _: None).index([doc(1)])


def test_bulk_is_chunked_and_json_serialisable() -> None:
    client = RecordingClient()
    OpenSearchIndex(client, chunk_size=2).index(doc(n) for n in range(5))
    bulks = [kwargs for name, kwargs in client.calls if name == "bulk"]
    assert [len(b["body"]) for b in bulks] == [4, 4, 2]
    assert bulks[0]["refresh"] == "wait_for"
    json.dumps(bulks[0]["body"], ensure_ascii=False)


def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically() -> None:
    client = RecordingClient()
    client.indices.aliases["helpdesk-search"] = ["helpdesk-search-1"]
    OpenSearchIndex(client, clock=lambda: 2.0).rebuild([doc(1)])
    names = [name for name, _ in client.calls]
    assert names.index("bulk") < names.index("indices.update_aliases") < names.index("indices.delete")
    swap = next(kw for name, kw in client.calls if name == "indices.update_aliases")["body"]["actions"]
    new = next(kw for name, kw in client.calls if name == "bulk")["index"]
    assert new.startswith("helpdesk-search-2000-")  # the clock's milliseconds, then a unique suffix
    assert swap == [
        {"remove": {"index": "helpdesk-search-1", "alias": "helpdesk-search"}},
        {"add": {"index": new, "alias": "helpdesk-search"}},
    ]


def test_local_urls_are_unsigned_and_aws_urls_are_signed_with_sigv4() -> None:
    from opensearchpy import AWSV4SignerAuth

    local = opensearch_client("http://localhost:9200")
    assert local.transport.kwargs.get("http_auth") is None
    aws = opensearch_client("https://search-helpdesk.eu-central-1.es.amazonaws.com", region="eu-central-1")
    assert isinstance(aws.transport.kwargs["http_auth"], AWSV4SignerAuth)
