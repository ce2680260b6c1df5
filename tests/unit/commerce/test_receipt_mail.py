"""Item 21: the receipt (and license reminders) are raw MIME under the one outgoing-mail policy."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import boto3
import pytest
from helpdesk.notices.adapters.ses_mail import SesNoticeMailer
from helpdesk.notices.public import TEXT_TRANSFER_ENCODING, OutgoingMail
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

pytestmark = pytest.mark.unit
SHOP = "support@support.example.com"


def test_a_russian_receipt_is_seven_bit_quoted_printable_with_encoded_headers() -> None:
    text = "Спасибо за заказ ORD-1.\nКлюч: HD-KEY-1\n" * 3
    with mock_aws():
        ses = boto3.client("ses", region_name="eu-central-1")
        ses.verify_email_identity(EmailAddress=SHOP)
        receipt = OutgoingMail("ivan@romashka.test", "Ваш заказ ORD-1", text, "receipt:1")
        SesNoticeMailer(ses, SHOP).send(receipt)
        [sent] = ses_backends[DEFAULT_ACCOUNT_ID]["eu-central-1"].sent_messages
        raw = sent.raw_data.encode()  # a send_email message has no raw_data at all
    assert all(byte < 128 for byte in raw)
    mail = message_from_bytes(raw, policy=default)
    [part] = [p for p in mail.walk() if p.get_content_maintype() == "text"]
    assert part["Content-Transfer-Encoding"] == TEXT_TRANSFER_ENCODING
    assert part.get_content().replace("\r\n", "\n") == text
    assert mail["Subject"] == "Ваш заказ ORD-1" and mail["To"] == "ivan@romashka.test"
    assert mail["From"] == SHOP and mail["Auto-Submitted"] == "auto-generated" and mail["Message-ID"]


def test_a_subject_cannot_add_a_header() -> None:
    with mock_aws():
        ses = boto3.client("ses", region_name="eu-central-1")
        ses.verify_email_identity(EmailAddress=SHOP)
        SesNoticeMailer(ses, SHOP).send(OutgoingMail("a@b.test", "Order\r\nBcc: all@corp.test", "x", "k"))
        [sent] = ses_backends[DEFAULT_ACCOUNT_ID]["eu-central-1"].sent_messages
    assert message_from_bytes(sent.raw_data.encode(), policy=default)["Bcc"] is None
