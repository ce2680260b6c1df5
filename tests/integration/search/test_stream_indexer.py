"""The stream indexer handler, imported as Lambda does, against a tantivy index in a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpdesk.bootstrap import container
from helpdesk.search.adapters.tantivy_index import TantivySearchIndex
from helpdesk.search.model.documents import DocumentType, SearchDocument, SearchQuery
from helpdesk.settings import get_settings

from tests.support.lambdas import invoke, sample_event

pytestmark = pytest.mark.integration


@pytest.fixture
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TantivySearchIndex:
    monkeypatch.setenv("SEARCH_BACKEND", "tantivy")
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(tmp_path / "search"))
    get_settings.cache_clear()
    container.cache_clear()
    yield TantivySearchIndex(tmp_path / "search")
    get_settings.cache_clear()
    container.cache_clear()


def test_a_batch_indexes_the_new_ticket_and_drops_the_removed_message(index: TantivySearchIndex) -> None:
    index.index([SearchDocument(id="m0", type=DocumentType.MESSAGE, body="Old spam message about invoices")])
    answer = invoke(
        "StreamIndexerFunction", sample_event("stream_indexer/ticket_opened_and_message_removed.json")
    )
    assert answer == {"batchItemFailures": []}
    hits = index.search(SearchQuery(text="счёт заказ")).hits
    assert [(h.type, h.id, h.title) for h in hits] == [
        (DocumentType.TICKET, "t1", "#1042 Не приходят счета по заказам")
    ]
    assert index.search(SearchQuery(text="spam")).total == 0
