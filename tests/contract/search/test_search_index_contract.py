"""One contract for every SearchIndex: tantivy, and the OpenSearch adapter against OPENSEARCH_URL when it is
set, else against the OpenSearch stand-in (tests/contract/search/conftest.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.search.model.documents import (
    DocumentType,
    SearchDocument,
    SearchFilters,
    SearchOrder,
    SearchQuery,
)
from helpdesk.search.ports import SearchIndex

pytestmark = pytest.mark.contract

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["tantivy", "tantivy-s3", "opensearch"])
def index(request: pytest.FixtureRequest, tmp_path) -> Iterator[SearchIndex]:
    if request.param == "tantivy":
        from helpdesk.search.adapters.tantivy_index import TantivySearchIndex

        yield TantivySearchIndex(tmp_path / "index")
        return
    if request.param == "tantivy-s3":
        yield from _tantivy_on_s3(tmp_path)
        return
    from helpdesk.search.adapters.opensearch import OpenSearchIndex, opensearch_client

    url = request.getfixturevalue("opensearch_url")
    adapter = OpenSearchIndex(opensearch_client(url), alias=f"contract-{uuid.uuid4().hex[:8]}", refresh=True)
    adapter.ensure()
    yield adapter
    adapter.drop()


def _tantivy_on_s3(tmp_path) -> Iterator[SearchIndex]:
    """Writer and reader in one: every search checks the manifest (docs/search.md, "tantivy on S3")."""
    import boto3
    from helpdesk.search.adapters.s3_replica import S3IndexReplica
    from helpdesk.search.adapters.tantivy_s3 import S3TantivySearchIndex
    from moto import mock_aws

    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-central-1")
        s3.create_bucket(Bucket="index", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
        yield S3TantivySearchIndex(S3IndexReplica(s3, "index", tmp_path / "index", check_seconds=0))


def message(doc_id: str, body: str, **extra) -> SearchDocument:
    values = {"organisation_id": "org-1", "created_at": T0} | extra
    return SearchDocument(id=doc_id, type=DocumentType.MESSAGE, body=body, **values)


def keys(index: SearchIndex, text: str, **query) -> list[str]:
    return [hit.id for hit in index.search(SearchQuery(text=text, page_size=100, **query)).hits]


def test_finds_a_word_and_counts_the_total(index: SearchIndex) -> None:
    index.index(
        [message("m1", "Invoice attached"), message("m2", "Please resend the invoice"), message("m3", "Hi")]
    )
    page = index.search(SearchQuery(text="invoice"))
    assert sorted(h.id for h in page.hits) == ["m1", "m2"]
    assert page.total == 2


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Где мой заказ?", "заказы"),
        ("Оплатил все заказы", "заказа"),
        ("My orders are late", "order"),
        ("the order was running", "runs"),
        ("Счёт не пришёл", "счет"),
        ("Flight to İstanbul", "İSTANBUL"),
    ],
)
def test_stems_russian_and_english(index: SearchIndex, stored: str, typed: str) -> None:
    index.index([message("m1", stored), message("m2", "unrelated text")])
    assert keys(index, typed) == ["m1"]


def test_phrase_needs_the_words_together_and_in_order(index: SearchIndex) -> None:
    index.index([message("m1", "не работает оплата картой"), message("m2", "оплата работает, карта не та")])
    assert keys(index, '"не работает оплата"') == ["m1"]


def test_prefix_and_exclusion(index: SearchIndex) -> None:
    index.index([message("m1", "license renewal"), message("m2", "licensed seats"), message("m3", "lichen")])
    assert sorted(keys(index, "licens*")) == ["m1", "m2"]
    assert keys(index, "licens* -renewal") == ["m2"]
    assert sorted(keys(index, "-renewal")) == ["m2", "m3"]


def test_title_matches_outrank_body_matches(index: SearchIndex) -> None:
    # Both have a title, as mail has a subject: Lucene's BM25 counts only documents that have a field in
    # its idf, so a lone title in the index weighs less than its boost suggests: the body match would win.
    index.index(
        [
            message("body", "something about refund and more words here", title="Question"),
            message("title", "something else entirely here", title="Refund"),
        ]
    )
    assert keys(index, "refund") == ["title", "body"]


def test_filters_narrow_every_kind_of_field(index: SearchIndex) -> None:
    index.index(
        [
            message(
                "a", "printer broken", status="open", assignee="ann", mailbox="support", customer_id="c1"
            ),
            message(
                "b",
                "printer broken",
                status="closed",
                assignee="bob",
                mailbox="sales",
                customer_id="c2",
                organisation_id="org-2",
                created_at=T0 + timedelta(days=10),
            ),
            SearchDocument(
                id="t", type=DocumentType.TICKET, title="printer", status="open", tags=("hw", "urgent")
            ),
        ]
    )
    assert keys(index, "printer", filters=SearchFilters(types=(DocumentType.TICKET,))) == ["t"]
    assert keys(index, "printer", filters=SearchFilters(statuses=("closed",))) == ["b"]
    assert keys(index, "printer", filters=SearchFilters(assignees=("ann",))) == ["a"]
    assert keys(index, "printer", filters=SearchFilters(mailboxes=("sales",))) == ["b"]
    assert keys(index, "printer", filters=SearchFilters(customer_ids=("c1",))) == ["a"]
    assert keys(index, "printer", filters=SearchFilters(organisation_ids=("org-2",))) == ["b"]
    assert keys(index, "printer", filters=SearchFilters(tags=("urgent",))) == ["t"]
    assert keys(index, "printer", filters=SearchFilters(since=T0 + timedelta(days=1))) == ["b"]
    assert keys(index, "printer", filters=SearchFilters(until=T0, types=(DocumentType.MESSAGE,))) == ["a"]


def test_internal_documents_can_be_left_out(index: SearchIndex) -> None:
    index.index(
        [message("public", "refund issued"), message("note", "refund fraud suspected", internal=True)]
    )
    assert keys(index, "refund", filters=SearchFilters(include_internal=False)) == ["public"]
    assert sorted(keys(index, "refund")) == ["note", "public"]


def test_empty_text_lists_filtered_documents_newest_first(index: SearchIndex) -> None:
    index.index([message(f"m{i}", f"mail {i}", created_at=T0 + timedelta(hours=i)) for i in range(5)])
    assert keys(index, "", order=SearchOrder.NEWEST) == ["m4", "m3", "m2", "m1", "m0"]


@pytest.mark.parametrize("order", list(SearchOrder))
def test_pages_cover_everything_once_even_with_ties(index: SearchIndex, order: SearchOrder) -> None:
    same_time = [message(f"m{i:02}", "backup failed", created_at=T0) for i in range(13)]
    later = [
        message(f"n{i:02}", "backup failed again backup", created_at=T0 + timedelta(days=i)) for i in range(9)
    ]
    index.index(same_time + later)
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = index.search(SearchQuery(text="backup", order=order, page_size=5, cursor=cursor))
        assert page.total == 22
        seen += [hit.id for hit in page.hits]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == 22 and len(set(seen)) == 22
    assert seen == keys(index, "backup", order=order)


def test_a_filter_only_listing_pages_through_everything(index: SearchIndex) -> None:
    index.index([message(f"m{i:02}", "x", created_at=T0 + timedelta(minutes=i % 3)) for i in range(12)])
    seen: list[str] = []
    cursor = None
    while True:
        page = index.search(SearchQuery(text="", page_size=5, cursor=cursor))
        seen += [hit.id for hit in page.hits]
        if (cursor := page.next_cursor) is None:
            break
    assert sorted(seen) == [f"m{i:02}" for i in range(12)]


def test_snippet_highlights_the_matched_words(index: SearchIndex) -> None:
    index.index([message("m1", "Добрый день! Заказы №15 и №16 не доставлены, прошу проверить.")])
    snippet = index.search(SearchQuery(text="заказ")).hits[0].snippet
    assert [snippet.text[a:b] for a, b in snippet.highlights] == ["Заказы"]
    assert "<mark>Заказы</mark>" in snippet.marked()


def test_reindexing_a_key_replaces_and_delete_removes(index: SearchIndex) -> None:
    index.index([message("m1", "old words"), message("m2", "old words")])
    index.index([message("m1", "new words")])
    assert keys(index, "old") == ["m2"]
    assert keys(index, "new") == ["m1"]
    index.delete([SearchDocument(id="m2", type=DocumentType.MESSAGE).key, "message:unknown"])
    assert keys(index, "words") == ["m1"]


def test_same_id_in_two_types_are_two_documents(index: SearchIndex) -> None:
    index.index(
        [message("42", "shared id"), SearchDocument(id="42", type=DocumentType.ORDER, body="shared id")]
    )
    hits = index.search(SearchQuery(text="shared")).hits
    assert sorted(h.type.value for h in hits) == ["message", "order"]


def test_rebuild_replaces_everything_and_clear_empties(index: SearchIndex) -> None:
    index.index([message("gone", "stale entry")])
    assert index.rebuild(message(f"m{i}", "fresh entry") for i in range(3)) == 3
    assert keys(index, "stale") == []
    assert len(keys(index, "fresh")) == 3
    index.clear()
    assert keys(index, "fresh") == []


@pytest.mark.parametrize(
    "hostile",
    [
        "title:x OR body:*",
        '((( ")',
        "\\",
        "*",
        "-",
        '""',
        "a AND NOT b",
        "organisation_id:org-2",
        "é" * 300,
        "x" * 999,
        "/regex.*/",
        "{!lucene}",
        "field:[a TO z]",
        "emoji 🙂 ~2 ^3",
    ],
)
def test_user_text_never_raises_or_reaches_other_fields(index: SearchIndex, hostile: str) -> None:
    index.index([message("m1", "hello world", organisation_id="org-2", status="x")])
    page = index.search(SearchQuery(text=hostile))
    assert all(hit.id != "m1" for hit in page.hits)


def test_bad_cursor_is_invalid_not_a_crash(index: SearchIndex) -> None:
    with pytest.raises(Invalid):
        index.search(SearchQuery(text="x", cursor="not-a-cursor"))


def test_tantivy_waits_for_another_writer_to_finish(tmp_path) -> None:
    import threading

    from helpdesk.search.adapters.tantivy_index import TantivySearchIndex

    first, second = TantivySearchIndex(tmp_path / "shared"), TantivySearchIndex(tmp_path / "shared")
    busy = first._writer()
    threading.Timer(0.2, lambda: (busy.commit(), busy.wait_merging_threads())).start()
    second.index([message("m1", "written after the lock")])
    assert [hit.id for hit in first.search(SearchQuery(text="lock")).hits] == ["m1"]
