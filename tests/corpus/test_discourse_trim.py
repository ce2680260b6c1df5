"""discourse/email_reply_trimmer's cases: what remains of a reply, what is cut, and embedded (forwarded)
mails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpdesk.mail.trim import trim_reply

from tests.corpus.halves import half_of
from tests.corpus.scoreboard import Score, publish

pytestmark = pytest.mark.corpus

FLOORS = {"trimmed": 0.95, "elided": 0.95, "embedded": 0.99, "before": 0.99}


def _no_space(text: str | None) -> str:
    return re.sub(r"\s", "", text or "")


def test_replies_trim_like_discourse(corpus: Path) -> None:
    root = corpus / "discourse-reply-trimmer"
    score = Score()
    for path in sorted((root / "emails").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        half = half_of(f"emails/{path.name}")
        for form in (text, text.replace("\n", "\r\n")):
            result = trim_reply(form)
            wanted = (root / "trimmed" / path.name).read_text().strip()
            score.check("trimmed", result.reply.strip() == wanted, half)
            elided = root / "elided" / path.name
            if elided.exists():
                score.check("elided", _no_space(result.elided) == _no_space(elided.read_text()), half)
            embedded = root / "embedded" / path.name
            if embedded.exists():
                before = (root / "before" / path.name).read_text()
                score.check("embedded", _no_space(result.forwarded) == _no_space(embedded.read_text()), half)
                score.check("before", _no_space(result.preface) == _no_space(before), half)
    publish(
        "discourse-reply-trimmer (plain-text replies)",
        score,
        "trimmed: exact after strip; elided, embedded (= `forwarded`), before (= `preface`): "
        "whitespace-insensitive.",
    )
    for field, floor in FLOORS.items():
        assert score.rate(field) >= floor, (field, score.rate(field))
