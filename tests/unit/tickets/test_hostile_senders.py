"""Attack tests (S5): control characters in a sender address, bidi controls in attachment file names."""

from __future__ import annotations

import dataclasses

import pytest
from helpdesk.mail.model import Address
from helpdesk.tickets.model.customer import mail_address
from helpdesk.tickets.model.message import AttachmentRef
from helpdesk.tickets.model.mime import OutboundFile
from helpdesk.tickets.services.ingest import IngestOutcome

from tests.support.tickets import MailSpec, parsed, wire

pytestmark = pytest.mark.unit

HIDDEN = ["\x00", "\x01", "\x7f", "\x85", "\u202e", "\u2066", "\u200b", "\ufeff"]


@pytest.mark.parametrize("char", HIDDEN)
def test_a_sender_with_a_control_character_inside_is_refused_at_ingest(char: str) -> None:
    w = wire()
    mail = dataclasses.replace(parsed(MailSpec()), from_=Address("Alice", f"ali{char}ce@acme.test"))
    result = w.deliver(mail)
    assert result.outcome is IngestOutcome.QUARANTINED and result.reason.startswith("no_sender")
    assert w.stores.customers.by_email(f"ali{char}ce@acme.test") is None
    [held] = w.services.quarantine.list_held().items
    assert held.sender == "alice@acme.test"  # listed without the hidden character


def test_a_trailing_nul_is_trimmed_and_replies_to_that_sender_still_go_out() -> None:
    w = wire()
    mail = dataclasses.replace(parsed(MailSpec()), from_=Address("Alice", "Alice@acme.test\x00"))
    mail.cc = [Address("", "bob\x00@acme.test"), Address("", "carol@acme.test")]
    ticket_id = w.deliver(mail).ticket_id
    ticket = w.stores.tickets.find(ticket_id)
    assert ticket.participants == ("alice@acme.test", "carol@acme.test")
    [inbound] = w.services.tickets.get_ticket(ticket_id).messages[:1]
    assert inbound.from_ == "alice@acme.test" and inbound.cc == ("carol@acme.test",)
    w.services.tickets.reply(ticket_id, "ann", "On it.")  # was a 422: HeaderInvalid on the stored address
    assert b"To: alice@acme.test, carol@acme.test" in w.mailer.sent[-1].raw


def test_mail_address_keeps_ordinary_addresses_and_only_what_a_reply_can_carry() -> None:
    assert mail_address("  Alice@Acme.TEST ") == "alice@acme.test"
    assert mail_address("anna@b\u00fccher.example") == "anna@xn--bcher-kva.example"
    assert mail_address("j\u00f6rg@example.de") == ""  # SES sends no SMTPUTF8 local parts
    assert mail_address('"a b"@acme.test') == "" and mail_address("a\u202e@acme.test") == ""


@pytest.mark.parametrize("sender", ["j\u00f6rg@example.de", '"a b"@acme.test', "no-at-sign", "a@b@c.test"])
def test_a_sender_no_reply_could_reach_is_quarantined_with_a_reason(sender: str) -> None:
    w = wire()
    result = w.deliver(dataclasses.replace(parsed(MailSpec()), from_=Address("J", sender)))
    assert result.outcome is IngestOutcome.QUARANTINED and result.reason.startswith("no_sender")


def test_an_unusable_cc_is_dropped_and_an_international_domain_is_kept_so_replies_still_go_out() -> None:
    w = wire()
    mail = dataclasses.replace(parsed(MailSpec()), from_=Address("Anna", "Anna@B\u00fccher.example"))
    mail.cc = [Address("", "j\u00f6rg@example.de"), Address("", "carol@acme.test")]
    ticket_id = w.deliver(mail).ticket_id
    assert w.stores.tickets.find(ticket_id).participants == ("anna@xn--bcher-kva.example", "carol@acme.test")
    w.services.tickets.reply(ticket_id, "ann", "On it.")  # was a 422: HeaderInvalid on the stored Cc
    assert b"To: anna@xn--bcher-kva.example, carol@acme.test" in w.mailer.sent[-1].raw


def test_bidi_controls_never_stay_in_a_stored_attachment_name() -> None:
    w = wire()
    spec = MailSpec(attachments=[("invoice\u202efdp.exe", b"MZ"), ("\u2067report\u2069.pdf\x00", b"%PDF")])
    ticket_id = w.deliver(spec).ticket_id
    reply = w.services.tickets.reply(
        ticket_id, "ann", "see", files=[OutboundFile("quote\u202dcod.exe", "application/octet-stream", b"x")]
    )
    stored = [a.filename for m in w.services.tickets.get_ticket(ticket_id).messages for a in m.attachments]
    assert stored == ["invoicefdp.exe", "report.pdf_", "quotecod.exe"]
    assert [a.filename for a in reply.attachments] == ["quotecod.exe"]
    assert "\u202d".encode() not in w.mailer.sent[-1].raw and b"quotecod.exe" in w.mailer.sent[-1].raw


def test_an_attachment_ref_read_back_from_an_older_row_is_neutralised_too() -> None:
    assert AttachmentRef("k", "a\u202etxt.exe", "x", 1).filename == "atxt.exe"
    assert AttachmentRef("k", "\u202e", "x", 1).filename == "attachment"
    assert AttachmentRef("k", "plain name.pdf", "x", 1).filename == "plain name.pdf"
