"""The email_reply_parser fixtures of zapier (Python) and GitHub (Ruby), added corpora in tests/corpus/data
(MIT): what their tests say about the visible reply and what is hidden, against our reply trimming, in LF and
CRLF form."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpdesk.mail.trim import TrimResult, trim_reply

from tests.corpus.halves import half_of
from tests.corpus.scoreboard import Score, publish

pytestmark = pytest.mark.corpus
DATA = Path(__file__).resolve().parent / "data"
FLOORS = {"email-reply-parser": 0.95, "github-email-reply-parser": 0.95}


def _lines_rstripped(text: str) -> str:
    """The Ruby parser strips each line's trailing whitespace (it reads the text reversed and lstrips), and
    both parsers' pieces end where a fragment did; compare without either."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def _passes(result: TrimResult, case: dict[str, Any]) -> bool:
    reply, elided = _lines_rstripped(result.reply), _lines_rstripped(result.elided)
    return (
        ("reply_equals" not in case or reply == _lines_rstripped(case["reply_equals"]))
        and all(_lines_rstripped(piece) in reply for piece in case.get("reply_contains", []))
        and not any(piece in reply for piece in case.get("reply_lacks", []))
        and all(_lines_rstripped(piece) in elided for piece in case.get("elided_contains", []))
        and all(re.search(p, reply, re.M) for p in case.get("reply_matches", []))
        and all(re.search(p, elided, re.M) for p in case.get("elided_matches", []))
    )


@pytest.mark.parametrize("corpus", FLOORS)
def test_replies_trim_as_email_reply_parser_expects(corpus: str) -> None:
    root = DATA / corpus
    cases = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    assert len(cases) >= 10
    score = Score()
    for name, case in sorted(cases.items()):
        text = (root / case["input"]).read_text(encoding="utf-8")
        for form in (text.replace("\r\n", "\n"), text.replace("\r\n", "\n").replace("\n", "\r\n")):
            ok = _passes(trim_reply(form), case)
            score.check("reply", ok, half_of(case["input"]))
            if not ok and "\r" not in form:
                score.failures.append(f"{name} ({half_of(case['input'])})")
    publish(
        f"{corpus} (added corpus: plain-text replies)",
        score,
        f"{len(cases)} tests' assertions, x2 (LF, CRLF); a case passes when all its pieces are where its "
        "test says (the reply equals, holds, lacks or matches them; what the test marks hidden is elided).",
    )
    assert score.rate("reply") >= FLOORS[corpus], score.failures
