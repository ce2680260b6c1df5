"""The collision guard, send-and-set-status and copies on a staff reply (issue 17's composer)."""

from __future__ import annotations

from email import message_from_bytes

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.tickets.model.collision import ReplyCollision
from helpdesk.tickets.model.ticket import TicketStatus

from tests.support.tickets import MailSpec, wire

pytestmark = pytest.mark.unit


def a_ticket():
    w = wire()
    ticket_id = w.deliver(MailSpec(message_id="a@acme.test", subject="Export")).ticket_id
    first = w.services.tickets.get_ticket(ticket_id).messages[-1].id
    return w, ticket_id, first


def test_a_reply_against_an_old_view_is_refused_with_the_newer_message_until_confirmed():
    w, ticket_id, seen = a_ticket()
    desk = w.services.tickets
    boris = desk.reply(ticket_id, "boris@hd.test", "Boris answers", author_name="Boris", seen_message_id=seen)
    sent = len(w.mailer.sent)
    with pytest.raises(ReplyCollision) as refused:
        desk.reply(ticket_id, "anna@hd.test", "Anna answers too", author_name="Anna", seen_message_id=seen)
    assert [m["id"] for m in refused.value.body["newer"]] == [boris.id]
    assert refused.value.body["newer"][0]["text"] == "Boris answers" and "Boris" in str(refused.value)
    assert len(w.mailer.sent) == sent  # the customer got one answer
    desk.reply(ticket_id, "anna@hd.test", "Anna adds", seen_message_id=seen, confirm=True)
    assert len(w.mailer.sent) == sent + 1


def test_a_reply_after_the_newest_message_goes_and_an_unknown_seen_id_is_stale():
    w, ticket_id, seen = a_ticket()
    desk = w.services.tickets
    mine = desk.reply(ticket_id, "anna@hd.test", "First", seen_message_id=seen)
    desk.reply(ticket_id, "anna@hd.test", "Second", seen_message_id=mine.id)
    with pytest.raises(ReplyCollision):
        desk.reply(ticket_id, "anna@hd.test", "Third", seen_message_id="not-on-this-ticket")
    desk.add_note(ticket_id, "boris@hd.test", "I am on it")  # a colleague's note is news too
    with pytest.raises(ReplyCollision):
        desk.reply(ticket_id, "anna@hd.test", "Third", seen_message_id=mine.id)


def test_send_and_set_status_in_one_action_and_an_impossible_status_sends_nothing():
    w, ticket_id, _ = a_ticket()
    desk = w.services.tickets
    desk.reply(ticket_id, "anna@hd.test", "Try this", then=TicketStatus.PENDING)
    assert w.stores.tickets.find(ticket_id).status is TicketStatus.PENDING
    desk.reply(ticket_id, "anna@hd.test", "Done", then=TicketStatus.SOLVED)
    assert w.stores.tickets.find(ticket_id).status is TicketStatus.SOLVED
    sent = len(w.mailer.sent)
    with pytest.raises(Invalid):
        desk.reply(ticket_id, "anna@hd.test", "Back to new?", then=TicketStatus.NEW)
    assert len(w.mailer.sent) == sent and w.stores.tickets.find(ticket_id).status is TicketStatus.SOLVED


def test_cc_shows_in_the_header_bcc_only_in_the_envelope():
    w, ticket_id, _ = a_ticket()
    w.services.tickets.reply(
        ticket_id, "anna@hd.test", "FYI", cc=("Boss@Acme.test",), bcc=("audit@acme.test", "boss@acme.test")
    )
    mail = w.mailer.sent[-1]
    headers = message_from_bytes(mail.raw)
    assert headers["Cc"] == "boss@acme.test" and headers["Bcc"] is None
    assert "audit@acme.test" not in mail.raw.decode()
    assert sorted(mail.recipients) == sorted(
        [*w.stores.tickets.find(ticket_id).participants, "boss@acme.test", "audit@acme.test"]
    )
