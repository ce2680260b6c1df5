"""The unit of work (`TicketStores.unit`) and the ledger's one-write completion, held to one contract on the
in-memory fakes and on DynamoDB (one TransactWriteItems) under moto."""

from __future__ import annotations

import pytest
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import MailRecord, MailStep, OutboxEntry, TicketStores, WritesConflict

from tests.support.tickets import T0

pytestmark = pytest.mark.contract


def ticket(n: int) -> Ticket:
    return Ticket(f"{n:020d}", f"HD-{100000 + n}", "Printer", "support", T0, T0, customer_id="c1")


def message(ticket_id: str) -> Message:
    return Message("m1", ticket_id, Direction.INBOUND, T0, "a@b.test", text="hi", message_id="x@b.test")


def write_a_mail(stores: TicketStores, n: int, record: MailRecord) -> None:
    opened = ticket(n)
    assert stores.tickets.create(opened)
    mail = message(opened.id)
    assert stores.messages.add(mail, "a@b.test")
    assert stores.outbox.add(OutboxEntry(f"ack{n}", opened.id, mail.sort_key, ("a@b.test",), T0))
    stores.ledger.complete(record)


def nothing_of(stores: TicketStores, n: int, record_key: str) -> bool:
    return (
        stores.tickets.find(ticket(n).id) is None
        and not stores.messages.is_stored("x@b.test", "a@b.test")
        and stores.outbox.get(f"ack{n}") is None
        and stores.ledger.find(record_key) is None
    )


def test_the_writes_of_a_unit_land_together_when_it_ends(stores: TicketStores) -> None:
    with stores.unit.atomically():
        write_a_mail(stores, 1, MailRecord("r1", T0, {"ticket_id": ticket(1).id}, stored=False))
    assert stores.tickets.find(ticket(1).id) is not None
    assert stores.messages.for_ticket(ticket(1).id) == [message(ticket(1).id)]
    assert stores.outbox.get("ack1") is not None
    record = stores.ledger.find("r1")
    assert record is not None and record.did(MailStep.DONE) and record.plan == {"ticket_id": ticket(1).id}
    assert record.started_at == T0


def test_a_unit_left_by_an_exception_writes_nothing(stores: TicketStores) -> None:
    with pytest.raises(RuntimeError), stores.unit.atomically():
        write_a_mail(stores, 1, MailRecord("r1", T0, {"a": "1"}, stored=False))
        raise RuntimeError("the worker died")
    assert nothing_of(stores, 1, "r1")


def test_a_refused_write_refuses_the_whole_unit(stores: TicketStores) -> None:
    stores.ledger.complete(MailRecord("r1", T0, {"a": "1"}, stored=False))  # another worker was first
    with pytest.raises(WritesConflict), stores.unit.atomically():
        write_a_mail(stores, 2, MailRecord("r1", T0, {"a": "2"}, stored=False))
    assert stores.tickets.find(ticket(2).id) is None and stores.outbox.get("ack2") is None
    record = stores.ledger.find("r1")
    assert record is not None and record.plan == {"a": "1"}


def test_a_nested_unit_lands_with_the_outer_one(stores: TicketStores) -> None:
    with pytest.raises(RuntimeError), stores.unit.atomically():
        with stores.unit.atomically():
            write_a_mail(stores, 1, MailRecord("r1", T0, {"a": "1"}, stored=False))
        raise RuntimeError("after the inner unit")
    assert nothing_of(stores, 1, "r1")


def test_completing_a_record_once_and_only_once(stores: TicketStores) -> None:
    stores.ledger.complete(MailRecord("new", T0, {"a": "1"}, stored=False))
    with pytest.raises(WritesConflict):
        stores.ledger.complete(MailRecord("new", T0, {"a": "2"}, stored=False))
    begun = stores.ledger.begin("waited", T0)  # an attempt that waited: stored, without a plan
    stores.ledger.complete(MailRecord("waited", T0, {"a": "3"}))
    done = stores.ledger.find("waited")
    assert done is not None and done.did(MailStep.DONE) and done.plan == {"a": "3"}
    assert done.started_at == begun.started_at
    with pytest.raises(WritesConflict):
        stores.ledger.complete(MailRecord("waited", T0, {"a": "4"}))
    planned = stores.ledger.begin_planned("planned", T0, {"a": "5"})
    stores.ledger.complete(MailRecord("planned", T0, {"a": "6"}))  # the stored plan stays
    found = stores.ledger.find("planned")
    assert found is not None and found.plan == planned.plan == {"a": "5"} and found.did(MailStep.DONE)
