"""Attack tests (S3): a reply naming someone else's thread never joins it, nor gets its staff replies."""

from __future__ import annotations

import dataclasses
from email import message_from_bytes
from email.policy import default

import pytest
from helpdesk.mail.model import MailKind
from helpdesk.mail.parser import parse_mail
from helpdesk.mail.receipt import AuthVerdict, MailAuth
from helpdesk.tickets.services.ingest import IngestOutcome

from tests.support.tickets import MailSpec, parsed, wire

pytestmark = pytest.mark.unit
FAILED_DMARC = MailAuth(AuthVerdict.PASS, AuthVerdict.GRAY, AuthVerdict.FAIL)


def opened(w):
    first = w.deliver(MailSpec())
    ack = message_from_bytes(w.mailer.sent[-1].raw, policy=default)
    return first.ticket_id, ack["Message-ID"].strip("<>"), str(ack["Reply-To"])


def assert_linked_for_review(w, result, original_id: str) -> None:
    assert result.outcome is IngestOutcome.TICKETED and result.ticket_id != original_id
    linked = w.stores.tickets.find(result.ticket_id)
    assert linked.linked_ticket_id == original_id and "thread-review" in linked.tags
    assert w.stores.tickets.find(original_id).participants == ("alice@acme.test",)
    w.services.tickets.reply(original_id, "ann", "Only for Alice.")
    assert message_from_bytes(w.mailer.sent[-1].raw, policy=default)["To"] == "alice@acme.test"


@pytest.mark.parametrize("header", ["in_reply_to", "references"])
def test_a_stranger_naming_a_message_of_the_thread_opens_a_linked_ticket(header: str) -> None:
    w = wire()
    ticket_id, ack_id, _ = opened(w)
    spec = MailSpec(sender="eve@evil.test", message_id="e1@evil.test", subject="Re: Printer on fire")
    setattr(spec, header, [ack_id, "m1@acme.test"])
    assert_linked_for_review(w, w.deliver(spec), ticket_id)


def test_a_stranger_writing_to_the_signed_reply_address_opens_a_linked_ticket() -> None:
    w = wire()
    ticket_id, _, reply_address = opened(w)
    spec = MailSpec(sender="eve@evil.test", message_id="e1@evil.test", subject="hi", to=[reply_address])
    assert_linked_for_review(w, w.deliver(spec), ticket_id)


def test_a_stranger_quoting_the_ticket_number_in_the_subject_opens_an_unlinked_ticket() -> None:
    w = wire()
    ticket_id, _, _ = opened(w)
    number = w.stores.tickets.find(ticket_id).number
    result = w.deliver(MailSpec(sender="eve@evil.test", message_id="e1@evil.test", subject=f"Re: [{number}]"))
    assert result.ticket_id != ticket_id and w.stores.tickets.find(result.ticket_id).linked_ticket_id is None
    assert w.stores.tickets.find(ticket_id).participants == ("alice@acme.test",)


def test_a_colleague_of_the_customers_organisation_joins_and_then_gets_the_replies() -> None:
    w = wire()
    ticket_id, ack_id, _ = opened(w)
    result = w.deliver(MailSpec(sender="bob@acme.test", message_id="b1@acme.test", in_reply_to=[ack_id]))
    assert result.ticket_id == ticket_id
    assert w.stores.tickets.find(ticket_id).participants == ("alice@acme.test", "bob@acme.test")


def test_a_participant_whose_mail_failed_dmarc_never_joins_and_is_not_acknowledged() -> None:
    w = wire()
    ticket_id, ack_id, reply_address = opened(w)
    sent_before = len(w.mailer.sent)
    spec = MailSpec(message_id="s1@evil.test", in_reply_to=[ack_id], to=[reply_address])
    spoof = dataclasses.replace(parsed(spec), auth=FAILED_DMARC)
    result = w.deliver(spoof)
    assert result.ticket_id != ticket_id
    assert w.stores.tickets.find(result.ticket_id).linked_ticket_id == ticket_id
    assert len(w.mailer.sent) == sent_before  # no acknowledgement to an address that is not the sender's
    assert len(w.services.tickets.get_ticket(ticket_id).messages) == 2  # the first mail and its ack only


def test_a_bounce_from_a_stranger_without_our_token_is_quarantined_not_ticketed() -> None:
    w = wire()
    opened(w)
    bounce = MailSpec(sender="mailer-daemon@mx.evil.test", message_id="d1@x", kind=MailKind.BOUNCE)
    bounce.references = ["m1@acme.test"]
    assert w.deliver(bounce).outcome is IngestOutcome.QUARANTINED


RAW = (
    "Authentication-Results: {server}; spf=pass smtp.mailfrom=evil.test; dkim=none;\r\n"
    " dmarc=fail header.from=acme.test\r\n"
    "Authentication-Results: amazonses.com; spf=pass; dkim=pass; dmarc=pass\r\n"
    "From: alice@acme.test\r\nTo: support@support.example.com\r\nSubject: hi\r\n\r\nbody\r\n"
)


def test_only_the_topmost_authentication_results_of_the_receiving_server_is_read() -> None:
    assert parse_mail(RAW.format(server="amazonses.com").encode()).auth == MailAuth(
        AuthVerdict.PASS, AuthVerdict.GRAY, AuthVerdict.FAIL
    )
    # Written by someone else (the sender, or a server before SES): nothing in it is believed.
    assert parse_mail(RAW.format(server="mx.evil.test").encode()).auth == MailAuth()
    assert parse_mail(RAW.format(server="mx.evil.test").encode()).auth.failed is False
