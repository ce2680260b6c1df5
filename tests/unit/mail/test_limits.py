"""Hostile mail: every limit ends in a fatal Problem (a quarantine reason), never an exception or a hang."""

from __future__ import annotations

import base64
import time

import pytest
from helpdesk.mail import mime_bodies
from helpdesk.mail.limits import MailLimits
from helpdesk.mail.parser import parse_mail

from tests.unit.mail.builders import mail, multipart, part

pytestmark = pytest.mark.unit


def _fatal(raw: bytes, limits: MailLimits | None = None) -> tuple[list[str], str, float]:
    started = time.monotonic()
    parsed = parse_mail(raw, limits) if limits else parse_mail(raw)
    return [p.code for p in parsed.problems if p.fatal], parsed.subject, time.monotonic() - started


def _nested_multiparts(depth: int) -> bytes:
    body = b"Content-Type: text/plain\n\ndeepest\n"
    for level in range(depth):
        body = (
            f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n'.encode()
            + body
            + f"\n--b{level}--\n".encode()
        )
    return b"From: a@example.com\nSubject: deep\nMIME-Version: 1.0\n" + body


@pytest.mark.parametrize("depth", [40, 400, 3000])
def test_deep_multipart_nesting(depth: int) -> None:
    fatal, subject, _ = _fatal(_nested_multiparts(depth))
    assert fatal == ["limit_depth"]
    assert subject == "deep"  # headers are still filled for the quarantine view


def test_deep_message_rfc822_nesting() -> None:
    body = b"Subject: inner\n\nhello\n"
    for _ in range(2000):
        body = b"Content-Type: message/rfc822\n\n" + body
    fatal, subject, _ = _fatal(b"From: a@example.com\nSubject: russian doll\n" + body)
    assert fatal == ["limit_depth"]
    assert subject == "russian doll"


def test_ten_thousand_parts() -> None:
    raw = multipart("mixed", *[part(f"p{i}") for i in range(10_000)])
    fatal, subject, _ = _fatal(raw)
    assert fatal == ["limit_parts"]
    assert subject == "test"


def test_huge_base64_over_the_decoded_limit() -> None:
    blob = base64.encodebytes(b"\0" * 3_000_000)
    raw = multipart(
        "mixed", part("body"), part(blob, "application/octet-stream", "Content-Transfer-Encoding: base64\n")
    )
    fatal, _, _ = _fatal(raw, MailLimits(max_decoded_bytes=1_000_000))
    assert fatal == ["limit_decoded_size"]


def test_huge_base64_within_the_limits_is_parsed() -> None:
    data = b"\x01\x02" * 4_000_000
    raw = multipart(
        "mixed",
        part("body"),
        part(base64.encodebytes(data), "application/zip", "Content-Transfer-Encoding: base64\n"),
    )
    parsed = parse_mail(raw)
    assert parsed.quarantine_reason is None
    assert parsed.attachments[0].size == len(data)


def test_mail_over_the_total_size_keeps_its_headers() -> None:
    parsed = parse_mail(mail("x" * 5000), MailLimits(max_total_bytes=1000))
    assert [p.code for p in parsed.problems] == ["limit_total_size"]
    assert parsed.quarantine_reason and "limit_total_size" in parsed.quarantine_reason
    assert (parsed.subject, parsed.message_id) == ("test", "m1@example.com")


def test_time_budget() -> None:
    fatal, subject, _ = _fatal(multipart("mixed", part("a"), part("b")), MailLimits(time_budget_s=0))
    assert fatal == ["limit_time"]
    assert subject == "test"


@pytest.mark.parametrize(
    "body",
    [
        b"no boundary ever appears\n",  # declared boundary missing
        b"--b0\nContent-Type: text/plain\n\nnever closed\n",  # no closing delimiter
        b"--b0\n\n--b0\n--b0--\n--b0--\n",  # empty parts, doubled close
        b"--b0--\n--b0\nContent-Type: text/plain\n\nafter close\n",
        b"--b0\nContent-Type: multipart/mixed; boundary=b0\n\n"
        b"--b0\nContent-Type: text/plain\n\nsame boundary\n--b0--\n",
    ],
)
def test_broken_boundaries_are_recovered(body: bytes) -> None:
    parsed = parse_mail(mail(body, content_type='multipart/mixed; boundary="b0"'))
    assert parsed.quarantine_reason is None
    assert parsed.subject == "test"


def test_unexpected_error_becomes_a_fatal_problem_with_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("helpdesk.mail.parser.fill_bodies", explode)
    assert mime_bodies.fill_bodies is not explode
    parsed = parse_mail(mail("hello"))
    assert [(p.code, p.fatal) for p in parsed.problems] == [("parse_error", True)]
    assert parsed.subject == "test"
    assert parsed.from_ is not None and parsed.from_.address == "anna@example.com"


def test_a_huge_plain_body_is_parsed_within_seconds() -> None:
    started = time.monotonic()
    parsed = parse_mail(mail(b"> quoted line\n" * 300_000))
    assert time.monotonic() - started < 8
    assert parsed.quarantine_reason is None
    assert parsed.text.count("quoted line") == 300_000
