"""Table items and stream images become the right search documents and deletions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpdesk.search.model.documents import DocumentType
from helpdesk.search.services.search import document_from_item, documents_from_stream_record, plain_item

pytestmark = pytest.mark.unit

TICKET = {
    "pk": "TICKET#t1",
    "sk": "TICKET",
    "entity": "ticket",
    "id": "t1",
    "number": 1042,
    "subject": "Сайт не открывается",
    "status": "open",
    "priority": "high",
    "assignee": "ann",
    "mailbox": "support",
    "tags": {"web", "urgent"},
    "customer_id": "c1",
    "organisation_id": "o1",
    "updated_at": "2025-03-01T10:00:00+00:00",
}


def typed(item: dict) -> dict:
    def one(value):  # type: ignore[no-untyped-def]
        if isinstance(value, bool):
            return {"BOOL": value}
        if isinstance(value, int | float):
            return {"N": str(value)}
        if isinstance(value, set):
            return {"SS": sorted(value)}
        if isinstance(value, list):
            return {"L": [one(v) for v in value]}
        if isinstance(value, dict):
            return {"M": {k: one(v) for k, v in value.items()}}
        return {"NULL": True} if value is None else {"S": value}

    return {name: one(value) for name, value in item.items()}


def test_ticket_becomes_a_filterable_document() -> None:
    document = document_from_item(TICKET)
    assert document is not None
    assert (document.type, document.id, document.ticket_id) == (DocumentType.TICKET, "t1", "t1")
    assert document.title == "#1042 Сайт не открывается"
    assert (document.status, document.assignee, document.mailbox) == ("open", "ann", "support")
    assert document.tags == ("urgent", "web")
    assert (document.organisation_id, document.customer_id) == ("o1", "c1")
    assert document.updated_at == datetime(2025, 3, 1, 10, tzinfo=UTC)


def test_message_indexes_text_sender_and_attachment_names() -> None:
    item = {
        "entity": "message",
        "id": "m1",
        "ticket_id": "t1",
        "subject": "Re: счёт",
        "text": "Прилагаю акт",
        "from_address": "ivan@client.ru",
        "attachments": [{"filename": "act-17.pdf", "size": 10}],
        "created_at": 1740823200,
        "visibility": "internal",
    }
    document = document_from_item(item)
    assert document is not None
    assert (
        "Прилагаю акт" in document.body
        and "ivan@client.ru" in document.body
        and "act-17.pdf" in document.body
    )
    assert document.internal is True
    assert document.created_at == datetime(2025, 3, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("item", "expected_title", "in_body"),
    [
        (
            {"entity": "customer", "id": "c1", "name": "Иван Петров", "email": "ivan@client.ru"},
            "Иван Петров",
            "ivan@client.ru",
        ),
        (
            {"entity": "organisation", "id": "o1", "name": "ООО Ромашка", "domains": ["romashka.ru"]},
            "ООО Ромашка",
            "romashka.ru",
        ),
        (
            {
                "entity": "order",
                "id": "r1",
                "number": "A-17",
                "items": [{"name": "Helpdesk Pro"}],
                "total": 99,
            },
            "Order A-17 · Helpdesk Pro",
            "Helpdesk Pro",
        ),
        (
            {
                "entity": "license",
                "id": "l1",
                "key_prefix": "HDPR-7F3A",
                "domain": "shop.example.com",
                "product": "Helpdesk Pro",
                "state": "active",
            },
            "Helpdesk Pro HDPR-7F3A",
            "shop.example.com",
        ),
        (
            {
                "entity": "task",
                "id": "k1",
                "title": "Call back",
                "description": "about the invoice",
                "status": "todo",
            },
            "Call back",
            "about the invoice",
        ),
    ],
)
def test_every_entity_has_a_title_and_body(item: dict, expected_title: str, in_body: str) -> None:
    document = document_from_item(item)
    assert document is not None
    assert document.title == expected_title
    assert in_body in document.body


def test_other_entities_and_incomplete_items_are_skipped() -> None:
    assert document_from_item({"entity": "session", "id": "s1"}) is None
    assert document_from_item({"entity": "ticket"}) is None
    assert document_from_item({"id": "x"}) is None


def test_typed_images_are_read_like_plain_items() -> None:
    assert document_from_item(plain_item(typed(TICKET))) == document_from_item(TICKET)


def test_stream_insert_modify_remove() -> None:
    inserted = documents_from_stream_record(typed(TICKET), None)
    assert [d.key for d in inserted.upserts] == ["ticket:t1"] and inserted.deletions == ()
    modified = documents_from_stream_record(typed(TICKET | {"status": "closed"}), typed(TICKET))
    assert modified.upserts[0].status == "closed" and modified.deletions == ()
    removed = documents_from_stream_record(None, typed(TICKET))
    assert removed.upserts == () and removed.deletions == ("ticket:t1",)


def test_soft_delete_removes_and_unsearchable_records_do_nothing() -> None:
    soft = documents_from_stream_record(TICKET | {"deleted_at": "2025-03-02T00:00:00Z"}, TICKET)
    assert soft.upserts == () and soft.deletions == ("ticket:t1",)
    other = documents_from_stream_record({"entity": "session", "id": "s"}, None)
    assert other.upserts == () and other.deletions == ()


class Catalogue:
    """Names as the catalogue gives them; a product it does not know keeps its slugs."""

    def title(self, product: str, edition: str) -> str:
        return {("seo-pro", "standard"): "SEO Pro — Standard"}.get(
            (product, edition), f"{product} — {edition}"
        )


def test_a_license_hit_is_titled_with_its_products_name_from_the_stream_too() -> None:
    item = {
        "entity": "license",
        "id": "l9",
        "product": "seo-pro",
        "edition": "standard",
        "key_prefix": "SEOP-1",
    }
    assert document_from_item(item, Catalogue()).title == "SEO Pro — Standard SEOP-1"
    typed = {name: {"S": value} for name, value in item.items()}
    [streamed] = documents_from_stream_record(typed, None, Catalogue()).upserts
    assert streamed.title == "SEO Pro — Standard SEOP-1" and "seo-pro" not in streamed.title
