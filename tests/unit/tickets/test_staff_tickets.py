from __future__ import annotations

import base64

import pytest
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tickets.model.conversation import TicketChange
from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.model.ticket import Priority, TicketStatus
from helpdesk.tickets.ports import TicketQuery
from helpdesk.tickets.views.tickets import (
    ConversationView,
    IngestResultView,
    MailboxView,
    ReplyRequest,
    TicketFilter,
    TicketListView,
    UpdateTicketRequest,
)
from pydantic import ValidationError

from tests.support.tickets import MailSpec, wire

pytestmark = pytest.mark.unit


def two_tickets():
    w = wire()
    a = w.deliver(MailSpec(message_id="a@acme.test", subject="A")).ticket_id
    b = w.deliver(MailSpec(sender="bob@beta.test", message_id="b@beta.test", subject="B")).ticket_id
    return w, a, b


def test_notes_are_internal_and_never_mailed():
    w, a, _ = two_tickets()
    before = len(w.mailer.sent)
    w.services.tickets.add_note(a, "ann", "customer is VIP")
    kinds = [m.direction for m in w.services.tickets.get_ticket(a).messages]
    assert kinds[-1] is Direction.NOTE and len(w.mailer.sent) == before


def test_changes_priority_assignee_tags_and_lists_by_them():
    w, a, b = two_tickets()
    w.services.tickets.change(a, TicketChange(priority=Priority.HIGH, assignee="ann", tags=("VIP",)))
    assert w.stores.tickets.find(a).priority is Priority.HIGH
    assert [t.id for t in w.services.tickets.list_tickets(TicketQuery(tag="vip")).items] == [a]
    assert [t.id for t in w.services.tickets.list_tickets(TicketQuery(assignee="ann")).items] == [a]
    assert [t.id for t in w.services.tickets.list_tickets(TicketQuery()).items] == [b, a]
    w.services.tickets.change(a, TicketChange(status=TicketStatus.PENDING))  # activity: a comes first
    assert [t.id for t in w.services.tickets.list_tickets(TicketQuery()).items] == [a, b]
    with pytest.raises(Invalid):
        w.services.tickets.change(a, TicketChange(status=TicketStatus.NEW))


def test_merge_folds_the_conversation_and_future_mail_into_the_target():
    w, a, b = two_tickets()
    merged = w.services.tickets.merge(b, a)
    assert b in merged.merged_ids and "bob@beta.test" in merged.participants
    source = w.stores.tickets.find(b)
    assert source.merged_into == a and source.status is TicketStatus.CLOSED
    senders = {m.from_ for m in w.services.tickets.get_ticket(a).messages if m.direction is Direction.INBOUND}
    assert senders == {"alice@acme.test", "bob@beta.test"}
    late = w.deliver(MailSpec(sender="bob@beta.test", message_id="b2@beta.test", in_reply_to=["b@beta.test"]))
    assert late.ticket_id == a
    with pytest.raises(Invalid):
        w.services.tickets.merge(a, a)


def test_reply_with_the_same_client_token_is_sent_once():
    w, a, _ = two_tickets()
    sent = len(w.mailer.sent)
    w.services.tickets.reply(a, "ann", "hello", client_token="c1")
    w.services.tickets.reply(a, "ann", "hello", client_token="c1")
    assert len(w.mailer.sent) == sent + 1
    ticket = w.stores.tickets.find(a)
    assert ticket.status is TicketStatus.OPEN and ticket.assignee == "ann"


def test_unknown_tickets_and_attachments_are_not_found():
    w, a, _ = two_tickets()
    with pytest.raises(NotFound):
        w.services.tickets.get_ticket("nope")
    with pytest.raises(NotFound):
        w.services.tickets.attachment_url(a, "tickets/other/key")
    assert w.services.tickets.get_ticket(w.stores.tickets.find(a).number).ticket.id == a


def test_contracts_parse_bodies_and_render_views():
    w, a, _ = two_tickets()
    request = ReplyRequest.model_validate(
        {
            "text": "hi",
            "attachments": [{"filename": "a.txt", "content_base64": base64.b64encode(b"x").decode()}],
        }
    )
    assert request.files()[0].content == b"x"
    with pytest.raises(ValidationError):
        ReplyRequest.model_validate(
            {"text": "hi", "attachments": [{"filename": "a", "content_base64": "%%"}]}
        )
    with pytest.raises(ValidationError):
        UpdateTicketRequest.model_validate({"status": "deleted"})
    assert UpdateTicketRequest.model_validate({"tags": ["x"]}).change().tags == ("x",)
    assert TicketFilter.model_validate({"status": "new", "tag": "VIP"}).query().tag == "vip"
    view = ConversationView.of(w.services.tickets.get_ticket(a)).model_dump(mode="json", by_alias=True)
    assert view["ticket"]["id"] == a and view["messages"][0]["from"] == "alice@acme.test"
    listing = TicketListView.of(w.services.tickets.list_tickets(TicketQuery(), limit=1))
    assert len(listing.items) == 1 and listing.cursor is not None


def test_mailbox_and_ingest_views():
    w = wire()
    mailbox = w.services.mailboxes.configure("sales", ["ann", "bob"])
    view = MailboxView.of(w.services.mailboxes.set_available("sales", "bob", False))
    assert view.unavailable == ["bob"] and mailbox.managers == ("ann", "bob")
    result = IngestResultView.of(w.deliver(MailSpec()))
    assert result.outcome == "ticketed" and result.ticket_id
    with pytest.raises(Invalid):
        w.services.mailboxes.configure("a@b", [])
