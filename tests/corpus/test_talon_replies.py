"""mailgun/talon's cases: replies from real clients, as MIME (first text/plain part) and as HTML."""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path

import pytest
from helpdesk.mail.mailparts import content_type, part_text, walk_top
from helpdesk.mail.trim import reply_from_html, trim_reply

from tests.corpus.halves import half_of
from tests.corpus.scoreboard import Score, crlf, publish

pytestmark = pytest.mark.corpus


def _reply(raw: bytes, input_kind: str) -> str:
    if input_kind.startswith("mime"):
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        plain = next(part_text(p) for p in walk_top(msg) if content_type(p) == "text/plain")
        return trim_reply(plain).reply
    if input_kind.startswith("html"):
        return reply_from_html(raw.decode("utf-8", "replace"))
    return trim_reply(raw.decode("utf-8", "replace")).reply


def _passes(case: dict, got: str) -> bool:
    if case["compare"] == "exact_strip":
        return got.strip() == case["expected"]
    if case["compare"] == "nows":
        return re.sub(r"\s", "", got) == re.sub(r"\s", "", case["expected"])
    return bool(got.strip()) and "From" not in got


def test_replies_extract_like_talon(corpus: Path) -> None:
    root = corpus / "talon"
    cases = {
        k: v for k, v in json.loads((root / "expected.json").read_text()).items() if not k.startswith("_")
    }
    score = Score()
    for case in cases.values():
        raw = (root / case["input"]).read_bytes()
        field = "html" if case["input_kind"].startswith("html") else "plain"
        for form in (raw, crlf(raw)):
            score.check(field, _passes(case, _reply(form, case["input_kind"])), half_of(case["input"]))
    publish("talon (client replies, MIME and HTML)", score, f"{len(cases)} cases, x2 (LF, CRLF).")
    assert score.rate("plain") >= 0.99 and score.rate("html") >= 0.99
