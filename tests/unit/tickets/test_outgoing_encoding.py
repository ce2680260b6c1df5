"""Item 21: one transfer-encoding policy for every mail we send, and a mail viewer that shows it as sent."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import boto3
import pytest
from helpdesk.notices.public import TEXT_TRANSFER_ENCODING
from helpdesk.operations.adapters.escalation_aws import SesPager
from helpdesk.operations.model.escalation import OnCallPerson
from helpdesk_local.mailviewer import MailViewer
from moto import mock_aws

from tests.support.tickets import MailSpec, wire

pytestmark = pytest.mark.unit
RUSSIAN = "Здравствуйте! Принтер снова работает, проверьте, пожалуйста. " * 3  # one long line
LATIN = "Short English line."


def text_parts(raw: bytes) -> list:  # type: ignore[type-arg]
    mail = message_from_bytes(raw, policy=default)
    return [p for p in mail.walk() if p.get_content_maintype() == "text"]


def assert_policy(raw: bytes, *texts: str) -> None:
    assert all(byte < 128 for byte in raw), "8-bit bytes in an outgoing mail"
    parts = text_parts(raw)
    assert parts and {p["Content-Transfer-Encoding"] for p in parts} == {TEXT_TRANSFER_ENCODING}
    decoded = [p.get_content() for p in parts]
    for text in texts:
        assert any(text in d for d in decoded)


@pytest.mark.parametrize("reply", [RUSSIAN, LATIN, "Ок"])
def test_acknowledgements_and_staff_replies_share_one_seven_bit_encoding(reply: str) -> None:
    w = wire()
    ticket_id = w.deliver(MailSpec(subject="Принтер", text="Не печатает")).ticket_id
    w.services.tickets.reply(ticket_id, "ann", reply)
    ack, sent = w.mailer.sent[0].raw, w.mailer.sent[-1].raw
    assert_policy(ack)
    assert_policy(sent, reply.rstrip())


def test_a_page_follows_the_same_policy() -> None:
    with mock_aws():
        ses = boto3.client("ses", region_name="eu-central-1")
        ses.verify_email_identity(EmailAddress="ops@support.example.com")
        SesPager(ses, "ops@support.example.com").page(
            OnCallPerson("Анна", "anna@example.com", "+4930123456"),
            {"name": "Очередь растёт", "reason": "ApproximateAgeOfOldestMessage > 600"},
            "https://console.example/ack/x",
            0,
        )
        [shown] = MailViewer("eu-central-1").messages()
    assert_policy(shown["raw"].encode(), "Анна, you are on call")
    assert shown["to"] == ["anna@example.com"]  # once, though moto lists it as parameter and header


def test_the_mail_viewer_shows_a_russian_reply_as_text_and_each_recipient_once() -> None:
    w = wire()
    ticket_id = w.deliver(MailSpec(sender="alice@acme.test")).ticket_id
    w.services.tickets.reply(ticket_id, "ann", RUSSIAN)
    with mock_aws():
        ses = boto3.client("ses", region_name="eu-central-1")
        ses.verify_email_identity(EmailAddress="support@support.example.com")
        ses.send_raw_email(
            Source="support@support.example.com",
            Destinations=["alice@acme.test"],
            RawMessage={"Data": w.mailer.sent[-1].raw},
        )
        [shown] = MailViewer("eu-central-1").messages()
        status, _, page = MailViewer("eu-central-1").handle("/m/0", "")
    assert shown["to"] == ["alice@acme.test"] and RUSSIAN.strip() in shown["text"]
    assert status == 200 and "Здравствуйте".encode() in page and b"\\u0417" not in page
