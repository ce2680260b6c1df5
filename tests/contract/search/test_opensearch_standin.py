"""The OpenSearch stand-in refuses what OpenSearch refuses (checked against OpenSearch's published API
description), models refresh, strict mappings, per-item bulk statuses and Lucene's BM25, and every request the
adapter makes is one the description documents."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from helpdesk.search.adapters.opensearch import OpenSearchIndex, SearchBackendError, opensearch_client
from helpdesk.search.model.documents import DocumentType, SearchDocument, SearchQuery
from helpdesk_local.opensearch_standin import OpenSearchStandin, serve_opensearch_standin
from werkzeug.test import Client

pytestmark = pytest.mark.contract


@pytest.fixture
def served() -> Iterator[tuple[OpenSearchStandin, str]]:
    standin, url, stop = serve_opensearch_standin()
    yield standin, url
    stop()


@pytest.fixture
def adapter(served: tuple[OpenSearchStandin, str]) -> OpenSearchIndex:
    index = OpenSearchIndex(opensearch_client(served[1]), alias=f"t-{uuid.uuid4().hex[:8]}", refresh=True)
    index.ensure()
    return index


def call(standin: OpenSearchStandin, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = body if isinstance(body, bytes) else None if body is None else json.dumps(body).encode()
    response = Client(standin).open(path, method=method, data=data, content_type="application/json")
    return response.status_code, (json.loads(response.data) if response.data else None)


def message(doc_id: str, body: str, title: str = "") -> SearchDocument:
    return SearchDocument(id=doc_id, type=DocumentType.MESSAGE, body=body, title=title)


def error_type(answer: Any) -> str:
    return answer["error"]["type"] if isinstance(answer["error"], dict) else answer["error"]


@pytest.mark.parametrize(
    ("method", "path", "status", "kind"),
    [
        ("GET", "/_cluster/health", 400, "no_handler"),
        ("GET", "/_aliases", 405, "method_not_allowed"),
        ("POST", "/any/_search?explain_everything=true", 400, "illegal_argument_exception"),
        ("POST", "/any/_bulk?refresh=sometimes", 400, "illegal_argument_exception"),
    ],
)
def test_refuses_paths_methods_and_parameters_the_description_lacks(
    method: str, path: str, status: int, kind: str
) -> None:
    answer_status, answer = call(OpenSearchStandin(), method, path, {"query": {"match_all": {}}})
    assert (answer_status, error_type(answer)) == (status, kind)


def test_refuses_a_body_the_schema_refuses() -> None:
    standin = OpenSearchStandin()
    call(standin, "PUT", "/books", {})
    status, answer = call(standin, "POST", "/books/_search", {"size": "ten"})
    assert (status, error_type(answer)) == (400, "x_content_parse_exception")
    assert call(standin, "POST", "/books/_search", {"size": 10})[0] == 200


@pytest.mark.parametrize(
    ("query", "status", "kind"),
    [
        ({"no_such_clause": {}}, 400, "parsing_exception"),
        ({"bool": {"must": [{"match_all": {}}], "perhaps": []}}, 400, "parsing_exception"),
        ({"multi_match": {"query": "x", "fields": ["body"], "fuzzyness": 1}}, 400, "parsing_exception"),
        ({"query_string": {"query": "x"}}, 501, "standin_not_modelled"),
    ],
)
def test_an_unknown_clause_is_a_parsing_exception_and_an_unmodelled_one_says_so(
    query: dict[str, Any], status: int, kind: str
) -> None:
    standin = OpenSearchStandin()
    call(standin, "PUT", "/books", {})
    answer_status, answer = call(standin, "POST", "/books/_search", {"query": query})
    assert (answer_status, error_type(answer)) == (status, kind)


def test_a_strict_mapping_refuses_an_unknown_field_per_item(
    served: tuple[OpenSearchStandin, str], adapter: OpenSearchIndex
) -> None:
    client = opensearch_client(served[1])
    lines = [
        {"index": {"_id": "a"}},
        {"key": "a", "body": "fine"},
        {"index": {"_id": "b"}},
        {"colour": "red"},
    ]
    answer = client.bulk(index=adapter._alias, body=lines, refresh=True)
    statuses = [item["index"]["status"] for item in answer["items"]]
    assert answer["errors"] is True and statuses == [201, 400]
    assert answer["items"][1]["index"]["error"]["type"] == "strict_dynamic_mapping_exception"


def test_an_analyzer_naming_an_undefined_filter_is_refused() -> None:
    analysis = {
        "analyzer": {"a": {"type": "custom", "tokenizer": "t", "filter": ["f"]}},
        "tokenizer": {"t": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}},
    }
    template = {"index_patterns": ["x-*"], "template": {"settings": {"analysis": analysis}}}
    status, answer = call(OpenSearchStandin(), "PUT", "/_index_template/x", template)
    assert (status, error_type(answer)) == (400, "mapper_parsing_exception")


def test_writes_are_visible_only_after_a_refresh(served: tuple[OpenSearchStandin, str]) -> None:
    client = opensearch_client(served[1])
    writer = OpenSearchIndex(client, alias=f"t-{uuid.uuid4().hex[:8]}", refresh=False)
    writer.ensure()
    writer.index([message("m1", "invisible until refreshed")])
    assert writer.search(SearchQuery(text="invisible")).total == 0
    client.indices.refresh(index=writer._alias)
    assert [h.id for h in writer.search(SearchQuery(text="invisible")).hits] == ["m1"]


def test_a_rebuild_in_the_same_millisecond_as_the_first_index_moves_the_alias(
    served: tuple[OpenSearchStandin, str],
) -> None:
    adapter = OpenSearchIndex(
        opensearch_client(served[1]), alias=f"t-{uuid.uuid4().hex[:8]}", refresh=True, clock=lambda: 1000.0
    )
    adapter.ensure()
    adapter.index([message("old", "before the rebuild")])
    assert adapter.rebuild([message("new", "after the rebuild")]) == 1
    assert [h.id for h in adapter.search(SearchQuery(text="rebuild")).hits] == ["new"]


def test_throttled_bulk_items_are_retried_by_the_adapter(served: tuple[OpenSearchStandin, str]) -> None:
    standin, url = served
    waits: list[float] = []
    adapter = OpenSearchIndex(opensearch_client(url), alias=f"t-{uuid.uuid4().hex[:8]}", sleep=waits.append)
    adapter.ensure()
    Client(standin).post("/__standin/throttle", json={"items": 2})
    assert adapter.index([message(f"m{i}", "queued") for i in range(3)]) == 3
    assert waits == [0.5]
    bulks = [status for method, path, status in standin.calls if "/_bulk" in path]
    assert bulks == [200, 200]
    assert adapter.search(SearchQuery(text="queued")).total == 3


def test_a_refused_document_fails_the_write(served: tuple[OpenSearchStandin, str]) -> None:
    class Stranger(SearchDocument):
        def keyword_values(self) -> dict[str, str | list[str]]:
            return super().keyword_values() | {"colour": "red"}

    adapter = OpenSearchIndex(opensearch_client(served[1]), alias=f"t-{uuid.uuid4().hex[:8]}")
    adapter.ensure()
    with pytest.raises(SearchBackendError, match="strict_dynamic_mapping_exception"):
        adapter.index([Stranger(id="s", type=DocumentType.MESSAGE, body="x")])


def test_scores_are_lucene_bm25_with_idf_over_documents_that_have_the_field(
    served: tuple[OpenSearchStandin, str], adapter: OpenSearchIndex
) -> None:
    adapter.index(
        [message("t", "plain words", title="Refund"), message("b", "refund asked twice here ok")]
        + [message(f"x{i}", "other words") for i in range(3)]
    )
    scores = {h.id: h.score for h in adapter.search(SearchQuery(text="refund")).hits}

    def bm25(docs_with_field: int, docs_with_term: int, length: int, average: float) -> float:
        idf = math.log(1 + (docs_with_field - docs_with_term + 0.5) / (docs_with_term + 0.5))
        return idf / (1 + 1.2 * (1 - 0.75 + 0.75 * length / average))

    assert scores["t"] == pytest.approx(2 * bm25(1, 1, 1, 1.0), rel=1e-6)  # one title in five documents
    assert scores["b"] == pytest.approx(bm25(5, 1, 5, 13 / 5), rel=1e-6)
    assert scores["b"] > scores["t"]


def test_every_request_the_adapter_makes_is_documented(
    served: tuple[OpenSearchStandin, str], adapter: OpenSearchIndex
) -> None:
    standin = served[0]
    adapter.index([message("m1", "Добрый день! Заказы не пришли.", title="Заказ")])
    hit = adapter.search(SearchQuery(text='заказ "не пришли" приш* -спам')).hits[0]
    assert [hit.snippet.text[a:b] for a, b in hit.snippet.highlights] == ["Заказы", "не", "пришли"]
    adapter.rebuild([message("m2", "fresh")])
    adapter.delete(["message:m2", "message:none"])
    adapter.clear()
    adapter.drop()
    refused = [(m, p, s) for m, p, s in standin.calls if s >= 400 and (m, s) != ("HEAD", 404)]
    assert refused == []
    assert {m for m, _, _ in standin.calls} == {"PUT", "HEAD", "POST", "GET", "DELETE"}


def test_a_long_sentence_is_cut_to_the_fragment_size_at_word_boundaries(adapter: OpenSearchIndex) -> None:
    body = "Hello. " + " ".join(f"filler{i}" for i in range(60)) + " refund " + "trailing words " * 20
    adapter.index([message("m1", body)])
    snippet = adapter.search(SearchQuery(text="refund")).hits[0].snippet
    at = body.index(snippet.text)
    assert [snippet.text[a:b] for a, b in snippet.highlights] == ["refund"]
    before = snippet.highlights[0][0]  # at most fragment_size, widened to the word it starts in
    assert 200 <= before <= 200 + len("filler00") and not body[at - 1].isalnum()


def test_bulk_items_fail_one_by_one_and_writes_create_their_index() -> None:
    standin = OpenSearchStandin()
    mappings = {"dynamic": "strict", "properties": {"body": {"type": "keyword"}}}
    call(
        standin,
        "PUT",
        "/_index_template/t",
        {"index_patterns": ["fresh*"], "template": {"mappings": mappings}},
    )
    lines = [
        {"index": {"_index": "fresh", "_id": "1"}}, {"body": "auto-created"},
        {"index": {"_index": "fresh", "_id": "9"}}, {"colour": "strict template applied"},
        {"index": {"_index": "Bad_Name", "_id": "2"}}, {"body": "refused"},
        {"delete": {"_index": "missing", "_id": "3"}},
        {"delete": {"_index": "fresh", "_id": "1"}},
    ]  # fmt: skip
    ndjson = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    status, answer = call(standin, "POST", "/_bulk", ndjson)
    results = [(item[verb]["status"], item[verb].get("result")) for item in answer["items"] for verb in item]
    assert status == 200 and answer["errors"] is True
    assert results == [(201, "created"), (400, None), (400, None), (404, None), (200, "deleted")]
    assert set(standin.indices) == {"fresh"}
