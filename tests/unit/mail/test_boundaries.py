"""Broken multipart boundaries are read the lenient way mail clients read them."""

from __future__ import annotations

import pytest
from helpdesk.mail.parser import parse_mail

from tests.unit.mail.builders import mail

pytestmark = pytest.mark.unit


def test_a_delimiter_line_may_carry_trailing_text() -> None:
    body = (
        b"--b0xyz\nContent-Type: text/plain\n\nfirst\n"
        b"--b0 trailing\nContent-Type: text/plain; name=a.txt\n\nfile\n--b0--\n"
    )
    parsed = parse_mail(mail(body, content_type='multipart/mixed; boundary="b0"'))
    assert parsed.text == "first"
    assert [(a.filename, a.content) for a in parsed.attachments] == [("a.txt", b"file")]


def test_an_outer_delimiter_closes_an_inner_multipart_left_open() -> None:
    body = (
        b"--out\nContent-Type: multipart/alternative; boundary=in\n\n"
        b"--in\nContent-Type: text/plain\n\nplain\n--in\nContent-Type: text/html\n\n<p>rich</p>\n"
        b"--out\nContent-Type: application/pdf; name=a.pdf\n\n%PDF\n--out--\n"
    )
    parsed = parse_mail(mail(body, content_type='multipart/mixed; boundary="out"'))
    assert (parsed.text, parsed.html) == ("plain", "<p>rich</p>")
    assert [a.filename for a in parsed.attachments] == ["a.pdf"]


def test_a_part_cut_off_by_the_end_of_the_mail() -> None:
    cut = b"--b0\nContent-Type: text/plain\n\nhello\n--b0\nContent-Type: text/plain\n\ntruncated tail"
    parsed = parse_mail(mail(cut, content_type='multipart/mixed; boundary="b0"'))
    assert parsed.text == "hello"
    assert [a.content for a in parsed.attachments] == [b"truncated tail"]
    only = parse_mail(
        mail(b"--b0\nContent-Type: text/plain\n\nonly text, cut", content_type="multipart/mixed; boundary=b0")
    )
    assert only.text == "only text, cut"
