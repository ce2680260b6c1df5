"""Item 20: a staff reply comes from its person on behalf of the team; the address never changes."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest
from helpdesk.identity.model import Principal

from tests.support.tickets import SUPPORT, MailSpec, wire

pytestmark = pytest.mark.unit


def sent_from(raw: bytes) -> tuple[str, str]:
    mail = message_from_bytes(raw, policy=default)
    [address] = mail["From"].addresses
    return address.display_name, address.addr_spec


def test_a_staff_reply_names_its_author_and_the_acknowledgement_only_the_team() -> None:
    w = wire()
    ticket_id = w.deliver(MailSpec()).ticket_id
    w.services.tickets.reply(ticket_id, "anna@helpdesk.test", "On it.", author_name="Anna Petrova")
    ack, reply = (m.raw for m in w.mailer.sent)
    assert sent_from(ack) == ("Support", SUPPORT)
    assert sent_from(reply) == ("Anna Petrova (Support)", SUPPORT)


def test_a_non_ascii_name_is_an_encoded_word_and_the_header_stays_seven_bit() -> None:
    w = wire()
    ticket_id = w.deliver(MailSpec()).ticket_id
    w.services.tickets.reply(ticket_id, "anna@helpdesk.test", "Готово.", author_name="Анна Петрова")
    raw = w.mailer.sent[-1].raw
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(byte < 128 for byte in head) and b"=?utf-8?" in head
    assert sent_from(raw) == ("Анна Петрова (Support)", SUPPORT)


def test_a_name_cannot_add_a_header() -> None:
    w = wire()
    ticket_id = w.deliver(MailSpec()).ticket_id
    w.services.tickets.reply(ticket_id, "eve@helpdesk.test", "x", author_name="Eve\r\nBcc: all@corp.test")
    mail = message_from_bytes(w.mailer.sent[-1].raw, policy=default)
    assert mail["Bcc"] is None and mail["From"].addresses[0].addr_spec == SUPPORT


def test_without_a_name_a_reply_comes_from_the_team_and_a_note_keeps_its_authors_name() -> None:
    w = wire()
    ticket_id = w.deliver(MailSpec()).ticket_id
    w.services.tickets.reply(ticket_id, "anna@helpdesk.test", "On it.")
    note = w.services.tickets.add_note(
        ticket_id, "anna@helpdesk.test", "called them", author_name="Anna Petrova"
    )
    assert sent_from(w.mailer.sent[-1].raw) == ("Support", SUPPORT)
    assert note.author_name == "Anna Petrova" and len(w.mailer.sent) == 2  # a note is never mailed


def test_the_name_comes_from_the_verified_claims() -> None:
    claims = {"sub": "s1", "cognito:groups": ["manager"], "email": "a@x.test", "name": "  Anna Petrova "}
    assert Principal.from_claims(claims).name == "Anna Petrova"
    assert Principal.from_claims({**claims, "name": 42}).name == ""
