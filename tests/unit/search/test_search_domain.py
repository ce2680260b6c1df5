"""Search values: query validation, cursors, snippets, documents' keys and sort time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.search.model.documents import (
    EPOCH,
    DocumentType,
    PageCursor,
    SearchDocument,
    SearchOrder,
    SearchQuery,
    Snippet,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("size", [0, 101])
def test_page_size_is_bounded(size: int) -> None:
    with pytest.raises(Invalid):
        SearchQuery(text="x", page_size=size)


def test_cursor_round_trips_and_refuses_tampering_or_another_order() -> None:
    cursor = PageCursor(SearchOrder.RELEVANCE, 1.25, "message:7", seen=40)
    assert PageCursor.decode(cursor.encode(), SearchOrder.RELEVANCE) == cursor
    with pytest.raises(Invalid):
        PageCursor.decode(cursor.encode(), SearchOrder.NEWEST)
    for bad in ("", "!!!", "bm90IGpzb24", cursor.encode()[:-3]):
        with pytest.raises(Invalid):
            SearchQuery(cursor=bad)


def test_cursor_orders_by_value_descending_then_key() -> None:
    cursor = PageCursor(SearchOrder.RELEVANCE, 2.0, "message:5")
    assert cursor.is_before(1.0, "message:1")
    assert cursor.is_before(2.0, "message:6")
    assert not cursor.is_before(2.0, "message:5")
    assert not cursor.is_before(3.0, "message:9")


def test_snippet_marks_highlights_and_escapes_the_mail_text() -> None:
    snippet = Snippet("<b>заказ</b> готов", ((3, 8),))
    assert snippet.marked() == "&lt;b&gt;<mark>заказ</mark>&lt;/b&gt; готов"


def test_documents_are_keyed_by_type_and_sorted_by_latest_time() -> None:
    created, updated = datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 2, 1, tzinfo=UTC)
    document = SearchDocument(
        id="7", type=DocumentType.ORDER, created_at=created, updated_at=updated, tags=("a",)
    )
    assert document.key == "order:7"
    assert document.sort_at == updated
    assert SearchDocument(id="7", type=DocumentType.ORDER).sort_at == EPOCH
    assert document.keyword_values() == {"id": "7", "type": "order", "tags": ["a"]}
