from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from helpdesk.mail.model import Bounce, BounceRecipient, MailKind, Problem
from helpdesk.tickets.model.conversation import TicketChange
from helpdesk.tickets.model.customer import Customer
from helpdesk.tickets.model.message import Direction
from helpdesk.tickets.model.ticket import TicketStatus
from helpdesk.tickets.ports import OutboxEntry, OutboxStatus, TicketQuery
from helpdesk.tickets.services.ingest import IngestOutcome, MailSource

from tests.support.tickets import SUPPORT, MailSpec, parsed, wire

pytestmark = pytest.mark.unit


def sent_headers(w, n=-1):
    return message_from_bytes(w.mailer.sent[n].raw, policy=default)


def test_a_new_mail_opens_a_ticket_and_is_acknowledged_once():
    w = wire()
    result = w.deliver(MailSpec())
    ticket = w.stores.tickets.find(result.ticket_id)
    assert ticket.status is TicketStatus.NEW and ticket.number.startswith("HD-1")
    assert ticket.participants == ("alice@acme.test",)
    assert [m.direction for m in w.services.tickets.get_ticket(ticket.id).messages] == [
        Direction.INBOUND,
        Direction.OUTBOUND,
    ]
    ack = sent_headers(w)
    assert ack["To"] == "alice@acme.test" and ack["In-Reply-To"] == "<m1@acme.test>"
    assert ack["Reply-To"].startswith("support+t") and ack["Auto-Submitted"] == "auto-replied"


def test_the_same_object_twice_is_one_message_and_one_ack():
    w = wire()
    raw = w.parser.register(MailSpec())
    source = MailSource("raw-mail", "k1", etag="e1")
    first = w.services.mail_ingest.ingest_mail(source, raw)
    second = w.services.mail_ingest.ingest_mail(source, raw)
    assert second.outcome is IngestOutcome.DUPLICATE and second.ticket_id == first.ticket_id
    assert len(w.stores.messages.for_ticket(first.ticket_id)) == 2 and len(w.mailer.sent) == 1


def test_the_same_mail_as_two_objects_is_one_message_but_a_reused_message_id_from_another_sender_is_not():
    w = wire()
    first = w.deliver(MailSpec(), key="a")
    again = w.deliver(MailSpec(), key="b")
    other = w.deliver(MailSpec(sender="mallory@evil.test"), key="c")
    assert again.outcome is IngestOutcome.DUPLICATE
    assert other.outcome is IngestOutcome.TICKETED
    inbound = [m for m in w.stores.messages.for_ticket(first.ticket_id) if m.direction is Direction.INBOUND]
    assert len(inbound) == 1
    assert other.ticket_id != first.ticket_id or len(w.stores.messages.for_ticket(first.ticket_id)) == 3


def test_a_reply_to_the_acknowledgement_joins_the_ticket_without_a_second_ack():
    w = wire()
    first = w.deliver(MailSpec())
    ack_id = sent_headers(w)["Message-ID"].strip("<>")
    reply = w.deliver(MailSpec(message_id="m2@acme.test", subject="Re: whatever", in_reply_to=[ack_id]))
    assert reply.ticket_id == first.ticket_id and len(w.mailer.sent) == 1


def test_a_signed_token_in_the_plus_address_threads_even_without_references():
    w = wire()
    first = w.deliver(MailSpec())
    reply_to = sent_headers(w)["Reply-To"]
    second = w.deliver(MailSpec(message_id="m2@acme.test", subject="other", to=[str(reply_to)]))
    local, _, domain = str(reply_to).partition("@")
    tampered = f"{local[:-1]}{'0' if local[-1] != '0' else '1'}@{domain}"
    forged = w.deliver(MailSpec(message_id="m3@acme.test", subject="x", to=[tampered]))
    assert second.ticket_id == first.ticket_id and forged.ticket_id != first.ticket_id


def test_a_ticket_number_in_the_subject_threads_only_for_participants():
    w = wire()
    first = w.deliver(MailSpec())
    number = w.stores.tickets.find(first.ticket_id).number
    mine = w.deliver(MailSpec(message_id="m2@acme.test", subject=f"About {number}"))
    stranger = w.deliver(MailSpec(sender="eve@other.test", message_id="m3@o.test", subject=f"Re: [{number}]"))
    assert mine.ticket_id == first.ticket_id and stranger.ticket_id != first.ticket_id


def test_a_customer_reply_reopens_a_solved_ticket_and_goes_to_the_last_assignee():
    w = wire()
    first = w.deliver(MailSpec())
    w.services.tickets.change(first.ticket_id, TicketChange(assignee="bob"))
    w.services.tickets.change(first.ticket_id, TicketChange(status=TicketStatus.SOLVED))
    w.services.tickets.change(first.ticket_id, TicketChange(unassign=True))
    w.deliver(MailSpec(message_id="m2@acme.test", in_reply_to=["m1@acme.test"]))
    ticket = w.stores.tickets.find(first.ticket_id)
    assert ticket.status is TicketStatus.OPEN and ticket.assignee == "bob"


def test_a_reply_after_closing_opens_a_linked_follow_up_for_the_same_assignee():
    w = wire()
    first = w.deliver(MailSpec())
    w.services.tickets.change(first.ticket_id, TicketChange(assignee="bob", status=TicketStatus.CLOSED))
    w.clock.at += timedelta(hours=1)
    later = w.deliver(MailSpec(message_id="m2@acme.test", in_reply_to=["m1@acme.test"]))
    linked = w.stores.tickets.find(later.ticket_id)
    assert later.ticket_id != first.ticket_id and linked.linked_ticket_id == first.ticket_id
    assert linked.assignee == "bob" and w.stores.tickets.find(first.ticket_id).status is TicketStatus.CLOSED


def test_round_robin_among_available_managers_and_sticky_follow_ups():
    w = wire()
    w.services.mailboxes.configure("Support", ["ann", "bob", "cyd"])
    w.services.mailboxes.set_available("support", "cyd", False)
    results = [w.deliver(MailSpec(sender=f"c{n}@x.test", message_id=f"{n}@x.test")) for n in range(4)]
    assignees = [w.stores.tickets.find(r.ticket_id).assignee for r in results]
    assert (
        sorted(assignees[:2]) == ["ann", "bob"]
        and assignees[2] == assignees[0]
        and assignees[3] == assignees[1]
    )
    follow = w.deliver(MailSpec(sender="c0@x.test", message_id="f@x.test", in_reply_to=["0@x.test"]))
    assert w.stores.tickets.find(follow.ticket_id).assignee == assignees[0]


def test_machine_mail_is_never_acknowledged_and_acks_are_rate_limited_per_sender():
    w = wire(ack_limit=2)
    w.deliver(MailSpec(kind=MailKind.AUTO_REPLY, message_id="auto@x.test"))
    w.deliver(MailSpec(sender="noreply@support.example.com", message_id="loop@x.test"))
    assert w.mailer.sent == []
    for n in range(4):
        w.deliver(MailSpec(message_id=f"{n}@acme.test", subject=f"s{n}"))
    assert len(w.mailer.sent) == 2


def test_a_hard_bounce_joins_the_ticket_and_marks_the_address_undeliverable():
    w = wire()
    first = w.deliver(MailSpec())
    ack_id = sent_headers(w)["Message-ID"].strip("<>")
    bounce = parsed(
        MailSpec(
            sender="mailer-daemon@mx.test",
            message_id="b@mx.test",
            kind=MailKind.BOUNCE,
            text=f"Original message:\nMessage-ID: <{ack_id}>\n",
        )
    )
    bounce.bounce = Bounce([BounceRecipient("alice@acme.test", "5.1.1", "550", "user_unknown", True)])
    result = w.deliver(bounce)
    assert result.ticket_id == first.ticket_id
    assert w.stores.customers.by_email("alice@acme.test").undeliverable
    assert w.stores.tickets.find(first.ticket_id).status is TicketStatus.NEW


def test_fatal_problems_and_oversize_quarantine_and_can_be_reprocessed():
    w = wire(max_mail_bytes=10)
    bad = parsed(MailSpec())
    bad.problems.append(Problem("limit_parts", "too many parts", fatal=True))
    held = w.deliver(bad)
    assert held.outcome is IngestOutcome.QUARANTINED and "limit_parts" in held.reason
    big = w.services.mail_ingest.ingest_mail(MailSource("b", "k", "e"), b"x" * 11)
    assert big.reason.startswith("oversize")
    listed = w.services.quarantine.list_held()
    assert len(listed.items) == 2
    key = next(q.key for q in listed.items if "limit_parts" in q.reason)
    again = w.services.quarantine.reprocess(key)
    assert again.outcome is IngestOutcome.TICKETED and len(w.services.quarantine.list_held().items) == 1


def test_unparseable_mail_is_quarantined_not_dropped():
    w = wire()
    result = w.services.mail_ingest.ingest_mail(MailSource("b", "k", "e"), b"garbage")
    assert result.outcome is IngestOutcome.QUARANTINED and result.reason.startswith("unparseable")


def test_attachments_are_stored_under_server_keys():
    w = wire()
    result = w.deliver(MailSpec(attachments=[("../../etc/passwd", b"data")]))
    message = w.stores.messages.for_ticket(result.ticket_id)[0]
    key = message.attachments[0].key
    assert key.startswith(f"tickets/{result.ticket_id}/") and "passwd" not in key
    assert w.stores.attachments.get(key) == b"data"
    url = w.services.tickets.attachment_url(result.ticket_id, key)
    assert "attachment" in url


def test_listing_by_customer_finds_the_new_ticket():
    w = wire()
    result = w.deliver(MailSpec())
    customer = w.stores.customers.by_email("ALICE@acme.test")
    page = w.services.tickets.list_tickets(TicketQuery(customer_id=customer.id))
    assert [t.id for t in page.items] == [result.ticket_id]
    assert w.stores.tickets.find(result.ticket_id).organisation_id is not None
    assert SUPPORT not in w.stores.tickets.find(result.ticket_id).participants


def test_a_missing_object_is_reported_not_raised():
    w = wire()
    result = w.services.mail_ingest.ingest_object(MailSource("raw-mail", "gone", "e"))
    assert result.outcome is IngestOutcome.MISSING


def test_an_entry_left_pending_by_a_dead_worker_is_sent_by_the_sweeper_once():
    w = wire()
    ticket_id = w.deliver(MailSpec(kind=MailKind.AUTO_REPLY)).ticket_id  # no ack of its own
    note = w.services.tickets.add_note(ticket_id, "ann", "stands in for a stored outbound message")
    w.stores.outbox.add(OutboxEntry("e1", ticket_id, note.sort_key, ("alice@acme.test",), note.created_at))
    assert w.services.outbound.deliver_pending(w.clock.now()) == 1
    assert w.services.outbound.deliver_pending(w.clock.now()) == 0
    assert len(w.mailer.sent) == 1 and w.stores.outbox.get("e1").status is OutboxStatus.SENT


def test_no_acknowledgement_to_an_undeliverable_address():
    w = wire()
    customer = w.stores.customers.create_if_absent(Customer.for_email("alice@acme.test"))
    w.stores.customers.save(customer.mark_undeliverable("5.1.1"))
    w.deliver(MailSpec())
    assert w.mailer.sent == []


def test_huge_bodies_are_cut_to_fit_one_table_item():
    w = wire()
    result = w.deliver(MailSpec(text="\u044f" * 200_000))
    message = w.stores.messages.for_ticket(result.ticket_id)[0]
    assert message.truncated and len(message.text.encode()) <= 120_000 and message.text.startswith("\u044f")
