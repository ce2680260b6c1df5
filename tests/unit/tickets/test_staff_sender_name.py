"""A staff reply comes from its person on behalf of the team ("Anna from Support", issue 17; first item 20);
the address never changes. The agent's own signature closes each reply they send."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest
from helpdesk.identity.model import Principal
from helpdesk.kernel.errors import Invalid
from helpdesk.tickets.services.signatures import SignatureService

from tests.fakes.tickets.memory_signatures import MemorySignatures
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
    assert sent_from(reply) == ("Anna from Support", SUPPORT)


def test_a_non_ascii_name_is_an_encoded_word_and_the_header_stays_seven_bit() -> None:
    w = wire()
    ticket_id = w.deliver(MailSpec()).ticket_id
    w.services.tickets.reply(ticket_id, "anna@helpdesk.test", "Готово.", author_name="Анна Петрова")
    raw = w.mailer.sent[-1].raw
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(byte < 128 for byte in head) and b"=?utf-8?" in head
    assert sent_from(raw) == ("Анна from Support", SUPPORT)


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
    assert Principal.from_claims({**claims, "name": 42}).name is None


def test_a_reply_is_signed_with_its_authors_signature_and_only_theirs() -> None:
    signatures = SignatureService(MemorySignatures())
    signatures.save("anna@helpdesk.test", "  Anna Petrova\nSupport engineer, Acme  \n")
    w = wire(signatures=signatures)
    ticket_id = w.deliver(MailSpec()).ticket_id
    anna = w.services.tickets.reply(ticket_id, "anna@helpdesk.test", "On it.", html="<p>On it.</p>")
    boris = w.services.tickets.reply(ticket_id, "boris@helpdesk.test", "Me too.", client_token="b")
    assert anna.text == "On it.\n\n-- \nAnna Petrova\nSupport engineer, Acme"
    assert "Support engineer, Acme</p>" in anna.html
    assert boris.text == "Me too."
    mail = message_from_bytes(w.mailer.sent[1].raw, policy=default)
    assert "-- \nAnna Petrova\nSupport engineer, Acme" in mail.get_body(("plain",)).get_content().replace(
        "\r\n", "\n"
    )


def test_a_draft_that_already_ends_with_the_signature_is_not_signed_twice() -> None:
    signatures = SignatureService(MemorySignatures())
    signatures.save("anna@helpdesk.test", "Anna")
    w = wire(signatures=signatures)
    ticket_id = w.deliver(MailSpec()).ticket_id
    reply = w.services.tickets.reply(ticket_id, "anna@helpdesk.test", "On it.\n\n-- \nAnna")
    assert reply.text == "On it.\n\n-- \nAnna"


def test_a_signature_in_html_is_escaped_and_an_overlong_one_is_refused() -> None:
    signatures = SignatureService(MemorySignatures())
    signatures.save("eve@helpdesk.test", "<script>x</script>")
    w = wire(signatures=signatures)
    ticket_id = w.deliver(MailSpec()).ticket_id
    reply = w.services.tickets.reply(ticket_id, "eve@helpdesk.test", "x", html="<p>x</p>")
    assert "<script>" not in reply.html and "&lt;script&gt;" in reply.html
    with pytest.raises(Invalid):
        signatures.save("eve@helpdesk.test", "x" * 2001)
