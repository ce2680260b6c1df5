"""The mapper against items in the shape the stores write (entity + JSON `data`, or plain attributes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from helpdesk.commerce.adapters.order_json import order_json
from helpdesk.commerce.model.orders import Checkout, Offer, Order, OrderLine
from helpdesk.kernel.adapters.dynamo_codec import dumps
from helpdesk.licensing.model.license import Money
from helpdesk.search.model.documents import DocumentType
from helpdesk.search.services.search import document_from_item, documents_from_stream_record
from helpdesk.tickets.model.customer import Customer, Organisation
from helpdesk.tickets.model.message import AttachmentRef, Direction, Message
from helpdesk.tickets.model.ticket import Ticket

pytestmark = pytest.mark.unit

AT = datetime(2025, 3, 1, 10, tzinfo=UTC)
SEO = Offer("seo-pro", "standard", "SEO Pro", Money(4900, "EUR"), "mgr-anna")


def test_a_stored_ticket_is_read_from_its_data_attribute() -> None:
    ticket = Ticket(
        id="t1",
        number="1042",
        subject="Счёт не пришёл",
        mailbox="billing",
        created_at=AT,
        last_activity_at=AT,
        tags=("billing",),
        assignee="ann",
        organisation_id="o1",
    )
    item = {"pk": "TICKET#t1", "sk": "TICKET", "entity": "ticket", "data": dumps(ticket), "version": 3}
    document = document_from_item(item)
    assert document is not None
    assert (document.type, document.id, document.title) == (DocumentType.TICKET, "t1", "#1042 Счёт не пришёл")
    assert (document.mailbox, document.assignee, document.organisation_id) == ("billing", "ann", "o1")
    assert document.updated_at == AT


def test_a_stored_note_is_internal_and_carries_sender_and_attachments() -> None:
    message = Message(
        id="m1",
        ticket_id="t1",
        direction=Direction.NOTE,
        created_at=AT,
        from_="ann@support.example",
        text="Клиент просит акт сверки",
        attachments=(AttachmentRef("k", "akt.pdf", "application/pdf", 9),),
    )
    item = {"pk": "TICKET#t1", "sk": "MSG#1", "entity": "message", "data": dumps(message)}
    document = document_from_item(item)
    assert document is not None
    assert document.internal and document.ticket_id == "t1"
    assert (
        "акт сверки" in document.body
        and "ann@support.example" in document.body
        and "akt.pdf" in document.body
    )


def test_people_and_licenses_in_their_stored_shapes() -> None:
    customer = {
        "pk": "CUSTOMER#c1",
        "sk": "CUSTOMER",
        "entity": "customer",
        "data": dumps(Customer(id="c1", email="ivan@romashka.ru", name="Иван", organisation_id="o1")),
    }
    organisation = {
        "pk": "ORG#romashka.ru",
        "sk": "ORG",
        "entity": "organisation",
        "data": dumps(Organisation(id="o1", domain="romashka.ru", name="Ромашка")),
    }
    license_item = {
        "pk": "LICENSE#L-7",
        "sk": "LICENSE",
        "entity": "License",
        "product": "helpdesk",
        "edition": "pro",
        "customer_id": "c1",
        "organisation_id": "o1",
        "domains": ["romashka.ru"],
        "issued": AT.isoformat(),
        "suspended": True,
    }
    people = [document_from_item(customer), document_from_item(organisation)]
    assert [(d.type, d.id, d.title) for d in people if d] == [
        (DocumentType.CUSTOMER, "c1", "Иван"),
        (DocumentType.ORGANISATION, "o1", "Ромашка"),
    ]
    license_doc = document_from_item(license_item)
    assert license_doc is not None
    assert (license_doc.id, license_doc.status, license_doc.organisation_id) == ("L-7", "suspended", "o1")
    assert "romashka.ru" in license_doc.body


def test_hits_are_titled_for_people_never_with_ids() -> None:
    c = Checkout("co_b550e1c2", "ann@acme.example", "Ann", (OrderLine(SEO, ("a.example",)),), AT, "org-1")
    paid = Order(c.id, "cs_1", "pi_1", "c-hash", c.customer_email, c.lines, c.total, AT, "org-1", number=1042)
    before_numbers = replace(paid, number=0)
    order_item = {"pk": f"ORDER#{c.id}", "sk": "ORDER", "entity": "Order", "body": order_json(paid)}
    old_item = order_item | {"body": order_json(before_numbers)}
    nameless = {"pk": "CUSTOMER#c2", "sk": "CUSTOMER", "entity": "customer"}
    nameless["data"] = dumps(Customer("c2", "bo@x.ru"))
    org = {"pk": "ORG#x.ru", "sk": "ORG", "entity": "organisation"}
    org["data"] = dumps(Organisation("o-9", "x.ru", ""))
    titles = [d.title for d in map(document_from_item, (order_item, old_item, nameless, org)) if d]
    assert titles == ["ORD-2025-001042 · SEO Pro", "Order of 2025-03-01 · SEO Pro", "bo@x.ru", "x.ru"]
    found = document_from_item(order_item)
    assert found is not None and c.id in found.body  # staff may still search by the id


def test_bookkeeping_items_of_the_same_table_are_ignored() -> None:
    for entity in ("ticket_facet", "ticket_number", "message_id", "mailbox", "Checkout", "Activation"):
        changes = documents_from_stream_record({"pk": "X#1", "sk": "Y", "entity": entity, "data": "{}"}, None)
        assert changes.upserts == () and changes.deletions == ()
