from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.mime import Envelope, HeaderInvalid, OutboundFile, compose

from tests.support.tickets import SUPPORT, T0

pytestmark = pytest.mark.unit


def message(**fields: object) -> Message:
    values: dict = dict(
        id="m",
        ticket_id="t",
        direction=Direction.OUTBOUND,
        created_at=T0,
        from_=SUPPORT,
        subject="Re: hi",
        text="plain",
        html="<p>html</p>",
        message_id="tok.m@support.example.com",
        in_reply_to="orig@acme.test",
        references=("a@acme.test", "orig@acme.test"),
    )
    values.update(fields)
    return Message(**values)


ENVELOPE = Envelope(SUPPORT, "ACME Support", "support+tok@support.example.com", ("ann@acme.test",))


def test_threading_headers_bodies_and_attachments():
    raw = compose(message(), ENVELOPE, [OutboundFile("r\u00e9sum\u00e9.pdf", "application/pdf", b"%PDF")])
    mail = message_from_bytes(raw, policy=default)
    assert mail["Message-ID"] == "<tok.m@support.example.com>" and mail["In-Reply-To"] == "<orig@acme.test>"
    assert mail["References"] == "<a@acme.test> <orig@acme.test>"
    assert mail["Reply-To"] == "support+tok@support.example.com"
    assert mail.get_body(("plain",)).get_content().strip() == "plain"
    assert mail.get_body(("html",)).get_content().strip() == "<p>html</p>"
    assert [a.get_filename() for a in mail.iter_attachments()] == ["r\u00e9sum\u00e9.pdf"]
    assert compose(message(), ENVELOPE, []) == compose(message(), ENVELOPE, [])


@pytest.mark.parametrize(
    "fields",
    [
        {"subject": "hi\r\nBcc: victim@evil.test"},
        {"subject": "hi\nBcc: victim@evil.test"},
    ],
)
def test_no_header_injection_through_the_subject(fields):
    mail = message_from_bytes(compose(message(**fields), ENVELOPE, []), policy=default)
    assert mail["Bcc"] is None and "\n" not in mail["Subject"]


def test_no_header_injection_through_names_addresses_ids_or_filenames():
    sneaky = Envelope(SUPPORT, "Support\r\nBcc: x@evil.test", SUPPORT, ("ann@acme.test",))
    assert message_from_bytes(compose(message(), sneaky, []), policy=default)["Bcc"] is None
    with pytest.raises(HeaderInvalid):
        compose(message(), Envelope(SUPPORT, "", SUPPORT, ("ann@acme.test\r\nBcc: x@evil.test",)), [])
    with pytest.raises(HeaderInvalid):
        compose(message(in_reply_to="a@b>\r\nBcc: <x@evil.test"), ENVELOPE, [])
    raw = compose(message(), ENVELOPE, [OutboundFile('a"\r\nBcc: x@evil.test', "text/plain", b"x")])
    assert message_from_bytes(raw, policy=default)["Bcc"] is None
