"""Property: whatever bytes arrive, parse_mail returns; the mail is either parsed or refused with a reason."""

from __future__ import annotations

import json
import time

import pytest
from helpdesk.mail.limits import MailLimits
from helpdesk.mail.parser import parse_mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.unit

TOKENS = [
    b"From: =?utf-8?B?0J/RgNC4?= <a@example.com>\n", b"Subject: =?koi8-r?Q?=F0=D2?=\n", b"To: ((((((\n",
    b"Content-Type: multipart/mixed; boundary=b0\n",
    b"Content-Type: multipart/alternative; boundary=\"b1\"\n",
    b"Content-Type: message/rfc822\n", b"Content-Type: text/html; charset=x-unknown\n",
    b"Content-Type: application/ms-tnef; name=winmail.dat\n", b"Content-Transfer-Encoding: base64\n",
    b"Content-Transfer-Encoding: quoted-printable\n", b"Content-Transfer-Encoding: x-uuencode\n",
    b"Content-Disposition: attachment; filename*0*=utf-8''%D0; filename*1=%\n", b"\n", b"\r\n", b"--b0\n",
    b"--b0--\n", b"--b1\n", b"begin 644 f.txt\n", b"M86)C\n", b"end\n", b"=?utf-8?B?", b"<p onclick=x>",
    b"\xff\xfe",
    b"0J/RgNC4===\n", b"=E4=\n", b" folded\n", b"Date: 99 Foo 99999 99:99\n", b"\x00",
]  # fmt: skip

mails = st.one_of(
    st.binary(max_size=3000),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=40)), max_size=80).map(b"".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mails)
def test_any_bytes_end_parsed_or_refused_with_a_reason(raw: bytes) -> None:
    parsed = parse_mail(raw, MailLimits(time_budget_s=5))
    json.dumps(parsed.to_json())
    for problem in parsed.problems:
        assert problem.code and problem.detail
    fatal = [p for p in parsed.problems if p.fatal]
    assert (parsed.quarantine_reason is None) == (not fatal)


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=1, max_value=100_000),
    st.sampled_from([b"(", b"<", b'"', b"=?", b"\\", b",", b"\n "]),
)
def test_pathological_header_values_finish_quickly(count: int, token: bytes) -> None:
    raw = b"From: " + token * count + b"\nTo: " + token * count + b"\nSubject: " + token * count + b"\n\nbody"
    started = time.monotonic()
    parsed = parse_mail(raw, MailLimits(time_budget_s=5))
    assert time.monotonic() - started < 60  # a hang guard, not a speed test (speed: tests/bench)
    assert parsed.text == "body" or parsed.problems
