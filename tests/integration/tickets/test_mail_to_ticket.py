"""Inbound mail to a ticket, a staff reply out through SES, the customer's answer back into the same
ticket."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest
from helpdesk.mail.parser import parse_mail
from helpdesk.tickets.model.conversation import TicketChange
from helpdesk.tickets.model.mime import OutboundFile
from helpdesk.tickets.model.ticket import TicketStatus
from helpdesk.tickets.ports import TicketQuery
from helpdesk.tickets.services.ingest import IngestOutcome

pytestmark = pytest.mark.integration

FIRST = (
    b"From: Alice Doe <alice@acme.test>\r\nTo: support@support.example.com\r\nSubject: Invoice missing\r\n"
    b"Message-ID: <first@acme.test>\r\nDate: Sun, 01 Mar 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n'
    b"Where is my invoice?\r\n--b\r\nContent-Type: application/pdf\r\n"
    b'Content-Disposition: attachment; filename="order.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
    b"JVBERi0xLjQK\r\n--b--\r\n"
)


def answer(in_reply_to: str, message_id: str) -> bytes:
    return (
        f"From: alice@acme.test\r\nTo: support@support.example.com\r\nSubject: Re: Invoice missing\r\n"
        f"Message-ID: <{message_id}>\r\nIn-Reply-To: <{in_reply_to}>\r\nReferences: <{in_reply_to}>\r\n\r\n"
        f"Still nothing.\r\n"
    ).encode()


def test_mail_becomes_a_ticket_the_reply_threads_and_the_answer_reopens(stack):
    first = stack.receive(FIRST, "inbound/1")
    assert stack.receive(FIRST, "inbound/1").outcome is IngestOutcome.DUPLICATE
    customer = stack.stores.customers.by_email("alice@acme.test")
    listed = stack.services.tickets.list_tickets(TicketQuery(customer_id=customer.id)).items
    assert [t.id for t in listed] == [first.ticket_id] and customer.name == "Alice Doe"

    conversation = stack.services.tickets.get_ticket(first.ticket_id)
    pdf = conversation.messages[0].attachments[0]
    assert stack.stores.attachments.get(pdf.key) == b"%PDF-1.4\n"
    url = stack.services.tickets.attachment_url(first.ticket_id, pdf.key)
    assert "response-content-disposition=attachment" in url and "Expires=300" in url

    ack = parse_mail(stack.sent()[0])
    assert ack.in_reply_to == ["first@acme.test"] and len(stack.sent()) == 1

    files = [OutboundFile("answer.txt", "text/plain", b"details")]
    reply = stack.services.tickets.reply(first.ticket_id, "bob", "Here it is.", "<p>Here it is.</p>", files)
    sent = message_from_bytes(stack.sent()[-1], policy=default)
    assert sent["Message-ID"] == f"<{reply.message_id}>" and sent["In-Reply-To"] == f"<{ack.message_id}>"
    assert "first@acme.test" in sent["References"] and sent["Reply-To"].startswith("support+t")
    assert sent.get_body(("html",)) is not None and [a.get_filename() for a in sent.iter_attachments()] == [
        "answer.txt"
    ]

    stack.services.tickets.change(first.ticket_id, TicketChange(status=TicketStatus.SOLVED))
    back = stack.receive(answer(reply.message_id or "", "second@acme.test"), "inbound/2")
    ticket = stack.stores.tickets.find(first.ticket_id)
    assert (
        back.ticket_id == first.ticket_id and ticket.status is TicketStatus.OPEN and ticket.assignee == "bob"
    )
    texts = [m.reply or m.text for m in stack.services.tickets.get_ticket(ticket.id).messages]
    assert texts[-1].strip() == "Still nothing." and len(stack.sent()) == 2


def test_mail_without_a_sender_is_quarantined_listed_and_dismissable(stack):
    held = stack.receive(b"To: support@support.example.com\r\nSubject: who?\r\n\r\nbody\r\n", "inbound/anon")
    assert held.outcome is IngestOutcome.QUARANTINED and held.reason.startswith("no_sender")
    listed = stack.services.quarantine.list_held().items
    assert [(q.object_key, q.subject) for q in listed] == [("inbound/anon", "who?")]
    stack.services.quarantine.dismiss(listed[0].key)
    assert stack.services.quarantine.list_held().items == []


def dsn(original_message_id: str) -> bytes:
    return (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.acme.test>\r\nTo: support@support.example.com\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce1@mx.acme.test>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        b"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.acme.test\r\n\r\n"
        b"Final-Recipient: rfc822; alice@acme.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        b"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: support@support.example.com\r\n"
        b"To: alice@acme.test\r\nSubject: x\r\nMessage-ID: <"
        + original_message_id.encode()
        + b">\r\n--B--\r\n"
    )


def test_a_real_bounce_of_our_acknowledgement_joins_the_ticket_and_marks_the_address(stack):
    first = stack.receive(FIRST, "inbound/1")
    ack = parse_mail(stack.sent()[0])
    bounce = stack.receive(dsn(ack.message_id or ""), "inbound/bounce")
    assert bounce.ticket_id == first.ticket_id
    assert stack.stores.customers.by_email("alice@acme.test").undeliverable
    kinds = [m.kind for m in stack.services.tickets.get_ticket(first.ticket_id).messages]
    assert kinds[-1] == "bounce" and len(stack.sent()) == 1


def encoded(header_id: str) -> str:
    """`<id>` as a broken sender writes it: one RFC 2047 Q-encoded word."""
    q = "".join(c if c.isalnum() else f"={ord(c):02X}" for c in f"<{header_id}>")
    return f"=?utf-8?q?{q}?="


def test_a_reply_whose_in_reply_to_is_rfc2047_encoded_still_threads(stack):
    first = stack.receive(FIRST, "inbound/1")
    answer = (
        "From: alice@acme.test\r\nTo: support@support.example.com\r\nSubject: more on this\r\n"
        f"Message-ID: <second@acme.test>\r\nIn-Reply-To: {encoded('first@acme.test')}\r\n\r\nAnd?\r\n"
    ).encode()
    back = stack.receive(answer, "inbound/2")
    assert back.ticket_id == first.ticket_id
    stored = stack.services.tickets.get_ticket(first.ticket_id).messages[-1]
    assert stored.in_reply_to == "first@acme.test"


def test_a_staff_reply_with_a_long_thread_sends_plain_ids_and_the_answer_threads(stack):
    first = stack.receive(FIRST, "inbound/1")
    for n in range(12):
        body = (
            f"From: alice@acme.test\r\nTo: support@support.example.com\r\nSubject: Re: Invoice missing\r\n"
            f"Message-ID: <follow-up-{n:02d}-{'x' * 50}@mail.acme.test>\r\n"
            f"In-Reply-To: <first@acme.test>\r\n\r\nagain\r\n"
        ).encode()
        assert stack.receive(body, f"inbound/f{n}").ticket_id == first.ticket_id
    reply = stack.services.tickets.reply(first.ticket_id, "bob", "Here it is.")
    head = stack.sent()[-1].split(b"\r\n\r\n", 1)[0]
    assert b"=?" not in head and all(len(line) <= 998 for line in head.split(b"\r\n"))
    sent = message_from_bytes(stack.sent()[-1], policy=default)
    assert len(str(sent["References"]).split()) == 14  # the first mail, its acknowledgement, 12 follow-ups
    back = stack.receive(answer(reply.message_id or "", "after@acme.test"), "inbound/after")
    assert back.ticket_id == first.ticket_id


def test_a_nul_in_the_from_address_never_reaches_a_stored_sender(stack):
    trimmed = FIRST.replace(b"<alice@acme.test>", b"<alice@acme.test\x00>")
    first = stack.receive(trimmed, "inbound/nul-end")
    assert stack.stores.tickets.find(first.ticket_id).participants == ("alice@acme.test",)
    stack.services.tickets.reply(first.ticket_id, "bob", "Here it is.")  # no 422 on the stored address
    inside = FIRST.replace(b"<alice@acme.test>", b"<ali\x00ce@acme.test>").replace(b"first@", b"other@")
    held = stack.receive(inside, "inbound/nul-inside")
    assert held.outcome is IngestOutcome.QUARANTINED and held.reason.startswith("no_sender")
