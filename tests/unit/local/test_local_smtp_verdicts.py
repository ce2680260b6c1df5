"""The local SMTP front writes the verdicts SES would: the ingest reads them as it reads SES's (S3)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from helpdesk.mail.parser import parse_mail
from helpdesk.mail.receipt import AuthVerdict, MailAuth
from helpdesk_local.smtp import InboundHandler

pytestmark = pytest.mark.unit
MAIL = (
    b"Authentication-Results: amazonses.com; spf=pass; dkim=pass; dmarc=pass\r\n"  # the sender's own claim
    b"From: Alice <alice@acme.test>\r\nTo: support@support.localhost\r\nSubject: hi\r\n\r\nHello\r\n"
)


class Bucket:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    def put_object(self, Bucket: str, Key: str, Body: bytes) -> None:  # noqa: N803 - boto3's names
        self.bodies.append(Body)


def received(mail_from: str, peer: str = "127.0.0.1") -> MailAuth:
    bucket = Bucket()
    handler = InboundHandler(bucket, "raw", "inbound/", ["support.localhost"])
    envelope = SimpleNamespace(
        original_content=MAIL, mail_from=mail_from, rcpt_tos=["support@support.localhost"]
    )
    session = SimpleNamespace(peer=(peer, 2525))
    # A thread of its own: a browser test on the same worker may have left this thread's event loop running.
    with ThreadPoolExecutor(1) as thread:
        reply = thread.submit(asyncio.run, handler.handle_DATA(None, session, envelope)).result()
    assert reply.startswith("250")
    return parse_mail(bucket.bodies[0]).auth


def test_an_aligned_envelope_passes_and_nothing_is_dkim_checked() -> None:
    assert received("alice@acme.test") == MailAuth(AuthVerdict.PASS, AuthVerdict.GRAY, AuthVerdict.PASS)
    assert received("bounces@mail.acme.test").dmarc is AuthVerdict.PASS


def test_a_forged_from_fails_dmarc_whatever_the_mail_claims_below() -> None:
    auth = received("eve@evil.test")
    assert auth.dmarc is AuthVerdict.FAIL and auth.failed


def test_a_client_that_is_not_local_gets_no_spf_pass() -> None:
    auth = received("alice@acme.test", peer="203.0.113.9")
    assert auth.spf is AuthVerdict.GRAY and auth.dmarc is AuthVerdict.FAIL
