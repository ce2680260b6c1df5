"""Search use cases over the tantivy index: scoping, stream batches, rebuild with progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpdesk.kernel.errors import Forbidden
from helpdesk.search.adapters.tantivy_index import TantivySearchIndex
from helpdesk.search.model.documents import (
    DocumentType,
    SearchDocument,
    SearchFilters,
    SearchQuery,
    SearchScope,
)
from helpdesk.search.services import search as search_service

pytestmark = pytest.mark.unit


@pytest.fixture
def index(tmp_path: Path) -> TantivySearchIndex:
    index = TantivySearchIndex(tmp_path / "search")
    index.index(
        [
            SearchDocument(id="m1", type=DocumentType.MESSAGE, body="refund please", organisation_id="o1"),
            SearchDocument(id="m2", type=DocumentType.MESSAGE, body="refund denied", organisation_id="o2"),
            SearchDocument(
                id="n1", type=DocumentType.MESSAGE, body="refund note", organisation_id="o1", internal=True
            ),
            SearchDocument(
                id="k1", type=DocumentType.TASK, body="refund task", organisation_id="o1", internal=True
            ),
            SearchDocument(id="c1", type=DocumentType.CUSTOMER, body="refund customer", organisation_id="o1"),
        ]
    )
    return index


def ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(hit.id for hit in page.hits)


def test_staff_see_everything(index: TantivySearchIndex) -> None:
    page = search_service.search(index, SearchScope.staff(), SearchQuery(text="refund"))
    assert ids(page) == ["c1", "k1", "m1", "m2", "n1"]


def test_a_customer_sees_only_their_organisations_public_records(index: TantivySearchIndex) -> None:
    asked_for_other = SearchQuery(text="refund", filters=SearchFilters(organisation_ids=("o2",)))
    assert ids(search_service.search(index, SearchScope.customer("o1"), asked_for_other)) == ["m1"]
    asked_for_tasks = SearchQuery(text="refund", filters=SearchFilters(types=(DocumentType.TASK,)))
    assert search_service.search(index, SearchScope.customer("o1"), asked_for_tasks).total == 0


def test_a_scope_without_staff_or_organisation_is_forbidden(index: TantivySearchIndex) -> None:
    with pytest.raises(Forbidden):
        SearchScope.customer("")
    with pytest.raises(Forbidden):
        search_service.search(index, SearchScope(), SearchQuery(text="refund"))


def test_stream_batches_apply_the_last_change_per_record(index: TantivySearchIndex) -> None:
    ticket = {"entity": "ticket", "id": "t9", "subject": "Printer jam", "status": "open"}
    changes = search_service.apply_stream_records(
        index,
        [
            (ticket, None),
            (ticket | {"status": "closed"}, ticket),
            (None, {"entity": "message", "id": "m1"}),
        ],
    )
    assert changes.deletions == ("message:m1",)
    hits = index.search(SearchQuery(text="printer")).hits
    assert [(h.id, h.type) for h in hits] == [("t9", DocumentType.TICKET)]
    closed = index.search(SearchQuery(text="printer", filters=SearchFilters(statuses=("closed",))))
    assert closed.total == 1
    assert index.search(SearchQuery(text="please")).total == 0


class ListSource:
    def __init__(self, items: list[dict]) -> None:
        self._items = items

    def estimated_count(self) -> int | None:
        return len(self._items)

    def items(self):  # type: ignore[no-untyped-def]
        return iter(self._items)


def test_reindex_rebuilds_from_the_source_and_reports_progress(
    index: TantivySearchIndex, monkeypatch
) -> None:
    monkeypatch.setattr(search_service, "REINDEX_BATCH", 2)
    items = [{"entity": "task", "id": f"k{i}", "title": f"Renew domain {i}"} for i in range(5)]
    items.append({"entity": "session", "id": "ignored"})
    seen: list[tuple[int, int | None]] = []
    written = search_service.reindex(index, ListSource(items), lambda done, total: seen.append((done, total)))
    assert written == 5
    assert seen == [(2, 6), (4, 6), (6, 6)]
    assert index.search(SearchQuery(text="refund")).total == 0
    assert index.search(SearchQuery(text="domain")).total == 5


def test_messages_take_their_tickets_owner_from_the_batch_or_the_index(index: TantivySearchIndex) -> None:
    ticket = {"entity": "ticket", "id": "t1", "subject": "Акт", "organisation_id": "o1", "customer_id": "c1"}
    search_service.apply_stream_records(index, [(ticket, None)])
    later = {"entity": "message", "id": "m9", "ticket_id": "t1", "text": "акт сверки во вложении"}
    search_service.apply_stream_records(index, [(later, None)])
    same_batch = [
        ({"entity": "ticket", "id": "t2", "organisation_id": "o2"}, None),
        ({"entity": "message", "id": "m8", "ticket_id": "t2", "text": "акт готов"}, None),
    ]
    search_service.apply_stream_records(index, same_batch)
    page = search_service.search(index, SearchScope.customer("o1"), SearchQuery(text="акт"))
    assert [(h.id, h.customer_id) for h in page.hits if h.type is DocumentType.MESSAGE] == [("m9", "c1")]
    assert ids(search_service.search(index, SearchScope.customer("o2"), SearchQuery(text="акт"))) == ["m8"]


def test_reindex_gives_messages_the_owner_of_a_ticket_scanned_after_them(index: TantivySearchIndex) -> None:
    items = [
        {"entity": "message", "id": "m1", "ticket_id": "t1", "text": "invoice copy"},
        {"entity": "ticket", "id": "t1", "subject": "Invoices", "organisation_id": "o1"},
        {"entity": "message", "id": "m2", "ticket_id": "t-missing", "text": "invoice lost"},
    ]
    assert search_service.reindex(index, ListSource(items)) == 3
    page = search_service.search(index, SearchScope.customer("o1"), SearchQuery(text="invoice"))
    assert ids(page) == ["m1", "t1"]


class TicketMessages:
    def __init__(self, items: dict[str, list[dict]]) -> None:
        self._items = items

    def message_items(self, ticket_id: str) -> list[dict]:
        return self._items.get(ticket_id, [])


def test_a_ticket_moved_to_another_organisation_takes_its_messages_along(index: TantivySearchIndex) -> None:
    ticket = {"entity": "ticket", "id": "t3", "subject": "Licence", "organisation_id": "o-domain"}
    message = {"entity": "message", "id": "m3", "ticket_id": "t3", "text": "walrus licence key"}
    source = TicketMessages({"t3": [message]})
    search_service.apply_stream_records(index, [(ticket, None), (message, None)], source)
    assert ids(
        search_service.search(index, SearchScope.customer("o-domain"), SearchQuery(text="walrus"))
    ) == ["m3"]
    retitled = ticket | {"subject": "Licence key"}
    assert search_service.apply_stream_records(index, [(retitled, ticket)], source).upserts[1:] == ()
    moved = retitled | {"organisation_id": "org-acme"}
    search_service.apply_stream_records(index, [(moved, retitled)], source)
    assert ids(
        search_service.search(index, SearchScope.customer("org-acme"), SearchQuery(text="walrus"))
    ) == ["m3"]
    assert (
        ids(search_service.search(index, SearchScope.customer("o-domain"), SearchQuery(text="walrus"))) == []
    )


def test_a_staff_internal_ticket_and_its_messages_stay_out_of_the_customers_search(
    index: TantivySearchIndex,
) -> None:
    internal = {"entity": "ticket", "id": "t7", "subject": "New order walrus", "organisation_id": "o1"}
    internal |= {"internal": True, "customer_id": "c1"}
    reply = {"entity": "message", "id": "m7", "ticket_id": "t7", "direction": "outbound", "text": "walrus"}
    search_service.apply_stream_records(index, [(internal, None), (reply, None)])
    later = {"entity": "message", "id": "m6", "ticket_id": "t7", "direction": "inbound", "text": "walrus"}
    search_service.apply_stream_records(index, [(later, None)])  # its owner is looked up in the index
    assert ids(search_service.search(index, SearchScope.customer("o1"), SearchQuery(text="walrus"))) == []
    assert ids(search_service.search(index, SearchScope.staff(), SearchQuery(text="walrus"))) == [
        "m6", "m7", "t7",
    ]  # fmt: skip
