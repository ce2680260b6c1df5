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


def raw_header(raw: bytes, name: str) -> str:
    """The header's text as sent: its first line and continuation lines, unfolded by nothing."""
    lines = raw.split(b"\r\n\r\n", 1)[0].decode("ascii").split("\r\n")
    start = next(n for n, line in enumerate(lines) if line.lower().startswith(name.lower() + ":"))
    end = next((n for n in range(start + 1, len(lines)) if not lines[n].startswith(" ")), len(lines))
    return "\r\n".join(lines[start:end])


def test_a_long_references_chain_is_folded_between_ids_and_never_encoded():
    ids = tuple(f"t3c8{n:02d}{'a' * 40}.reply-{n:016x}@support.example.com" for n in range(12))
    raw = compose(message(references=ids, in_reply_to=ids[-1]), ENVELOPE, [])
    for name in ("Message-ID", "In-Reply-To", "References"):
        text = raw_header(raw, name)
        assert "=?" not in text, text
        assert all(len(line) <= 78 or line.count("<") == 1 for line in text.split("\r\n")), text
    references = raw_header(raw, "References")
    assert references.count("\r\n ") == 11  # one id a line: each id is ~80 characters with its brackets
    assert [line.strip() for line in references.split("\r\n")][1:] == [f"<{i}>" for i in ids[1:]]
    mail = message_from_bytes(raw, policy=default)
    assert str(mail["References"]).split() == [f"<{i}>" for i in ids]
    assert mail["In-Reply-To"] == f"<{ids[-1]}>"


def test_a_single_overlong_id_stays_whole_on_its_line():
    long_id = "t3c8" + "b" * 180 + "@support.example.com"
    raw = compose(message(message_id=long_id, in_reply_to=long_id, references=(long_id,)), ENVELOPE, [])
    for name in ("Message-ID", "In-Reply-To", "References"):
        assert raw_header(raw, name) == f"{name}: <{long_id}>"
    assert message_from_bytes(raw, policy=default)["In-Reply-To"] == f"<{long_id}>"
