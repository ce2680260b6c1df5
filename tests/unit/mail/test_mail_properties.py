"""Hostile or random input never escapes as an exception from the classifier or the trimmers."""

from __future__ import annotations

import email
import email.policy
import time

import pytest
from helpdesk.mail.classify import classify
from helpdesk.mail.model import MailKind
from helpdesk.mail.ticketref import find_ticket_ref
from helpdesk.mail.trim import TrimResult, reply_from_html, trim_reply
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.mail.mails import dsn

pytestmark = pytest.mark.unit

_PIECES = st.sampled_from(
    [
        "From: MAILER-DAEMON@x\n",
        "Subject: Undeliverable\n",
        "Content-Type: multipart/report; boundary=b\n",
        "--b\n",
        "--b--\n",
        "Content-Type: message/delivery-status\n",
        "Final-Recipient: rfc822; a@b.c\n",
        "Action: failed\n",
        "Status: 5.1.1\n",
        "Content-Type: message/rfc822\n",
        "Auto-Submitted: auto-replied\n",
        "\n",
        "> quoted\n",
        "On Mon, 1 Jan 2024, A <a@b.c> wrote:\n",
        "-----Original Message-----\n",
        "Content-Transfer-Encoding: base64\n",
        "=?utf-8?b?0J/RgNC40LLQtdGC?=\n",
        "550 5.1.1 user unknown\n",
        "Content-Type: text/plain; charset=x-unknown\n",
        "\x00\xff",
        "--\n",
    ]
)
_MAILISH = st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=40).map("".join)
_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(raw=st.one_of(st.binary(max_size=2000), _MAILISH.map(lambda s: s.encode("utf-8", "surrogateescape"))))
def test_classify_never_raises(raw: bytes) -> None:
    for policy in (email.policy.default, email.policy.compat32):
        msg = email.message_from_bytes(raw, policy=policy)
        kind, bounce = classify(msg, raw.decode("utf-8", "replace"))
        assert isinstance(kind, MailKind)
        assert bounce is None or isinstance(bounce.recipients, list)


@_FAST
@given(text=st.one_of(st.text(max_size=3000), _MAILISH))
def test_trim_never_raises_and_keeps_reply_within_the_text(text: str) -> None:
    result = trim_reply(text)
    assert isinstance(result, TrimResult)
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    # Lines are kept or dropped, never made up.
    assert all(line in source for line in result.reply.split("\n"))


@_FAST
@given(html=st.text(max_size=2000).map(lambda s: f"<div>{s}<blockquote type=cite>{s}</div>"))
def test_reply_from_html_never_raises(html: str) -> None:
    assert isinstance(reply_from_html(html), str)
    assert isinstance(find_ticket_ref(html), str | None)


def test_deeply_nested_mail_is_classified_quickly() -> None:
    inner = dsn("failed", "5.1.1", "550 user unknown")
    raw = (
        "Content-Type: multipart/mixed; boundary=z\n\n"
        + "--z\nContent-Type: multipart/mixed; boundary=z\n\n" * 500
    )
    msg = email.message_from_string(raw + inner, policy=email.policy.default)
    kind, _ = classify(msg, "")
    assert isinstance(kind, MailKind)


def test_large_adversarial_text_is_trimmed_quickly() -> None:
    text = ("line of text with 12 numbers and a@b.c:\n" * 5000) + "> quoted\n"
    started = time.perf_counter()
    assert trim_reply(text).reply
    assert time.perf_counter() - started < 60  # a hang guard, not a speed test (speed: tests/bench)


def test_hostile_one_line_bounce_is_classified_quickly() -> None:
    body = "unknown delivery to spf dkim group " * 3000
    head = "From: MAILER-DAEMON@mx.example\nTo: a@example.com\nSubject: Undelivered Mail\n\n"
    raw = f"{head}<b@example.org>: 550 {body}\n"
    started = time.perf_counter()
    kind, _ = classify(email.message_from_string(raw, policy=email.policy.default), "")
    assert kind is MailKind.BOUNCE
    assert time.perf_counter() - started < 60  # a hang guard, not a speed test (speed: tests/bench)
