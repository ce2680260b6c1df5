"""The DynamoDB adapters write in steps, without transactions: a crash between steps heals on the next try."""

from __future__ import annotations

import pytest
from helpdesk.kernel.adapters.dynamo_table import item_model
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.ticket import Ticket
from helpdesk.tickets.ports import TicketQuery

from tests.support.tickets import T0

pytestmark = pytest.mark.integration


def test_a_guard_without_its_message_is_completed_by_the_next_add(stack):
    message = Message("m1", "t1", Direction.INBOUND, T0, "a@b.test", text="hi", message_id="x@b.test")
    model = item_model("helpdesk", "eu-central-1", None)
    model("MSGID#x@b.test", "FROM#a@b.test", entity="message_id", ref="t1", data=message.sort_key).save()
    assert stack.stores.messages.for_ticket("t1") == []
    assert not stack.stores.messages.add(message, "a@b.test")
    assert stack.stores.messages.for_ticket("t1") == [message]


def test_a_ticket_without_its_facets_is_repaired_by_the_next_create(stack):
    ticket = Ticket("0" * 20, "HD-100001", "s", "support", T0, T0, customer_id="c1")
    model = item_model("helpdesk", "eu-central-1", None)
    stack.stores.tickets.create(ticket)
    model("TICKET#" + ticket.id, "FACET#CUSTOMER").delete()  # as if the worker died before the facets
    assert stack.stores.tickets.list(TicketQuery(customer_id="c1"), 10).items == []
    assert not stack.stores.tickets.create(ticket)
    assert [t.id for t in stack.stores.tickets.list(TicketQuery(customer_id="c1"), 10).items] == [ticket.id]


def test_a_number_claimed_by_a_dead_attempt_does_not_resolve(stack):
    model = item_model("helpdesk", "eu-central-1", None)
    model("TICKETNO#HD-100007", "TICKETNO", entity="ticket_number", ref="f" * 20).save()
    assert stack.stores.tickets.by_number("HD-100007") is None
