"""Item 21: the mail viewer shows an 8-bit Russian body as text, not as `\\u0417\\u0434...`."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

import boto3
import pytest
from helpdesk_local.mailviewer import MailViewer
from moto import mock_aws

pytestmark = pytest.mark.unit
RUSSIAN = "Здравствуйте, Иван! Перезапустите сервер."


def test_an_eight_bit_utf8_body_shows_as_text_in_the_list_the_json_and_the_page() -> None:
    mail = EmailMessage(policy=SMTP)
    mail["From"], mail["To"], mail["Subject"] = "support@support.example.com", "ivan@romashka.test", "Ответ"
    mail.set_content(RUSSIAN, cte="8bit")
    with mock_aws():
        ses = boto3.client("ses", region_name="eu-central-1")
        ses.verify_email_identity(EmailAddress="support@support.example.com")
        ses.send_raw_email(RawMessage={"Data": mail.as_bytes()})
        viewer = MailViewer("eu-central-1")
        [shown] = viewer.messages()
        _, _, listing = viewer.handle("/api/messages", "")
        _, _, page = viewer.handle("/m/0", "")
    assert shown["text"].strip() == RUSSIAN and shown["subject"] == "Ответ"
    assert RUSSIAN.encode() in listing and RUSSIAN.encode() in page
    assert b"\\u04" not in listing + page
