"""The sisimai set: bounces, DSNs and feedback reports of ~60 mail systems, and mail that is no bounce."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest
from helpdesk.mail.classify import classify
from helpdesk.mail.mailparts import body_texts
from helpdesk.mail.model import MailKind

from tests.corpus.scoreboard import Score, crlf, publish

pytestmark = pytest.mark.corpus

KIND_OF_REASON = {
    "feedback": MailKind.FEEDBACK_REPORT,
    "delivered": MailKind.DELIVERY_REPORT,
    "vacation": MailKind.AUTO_REPLY,
}
# Floors a little under what the classifier reaches on the sample (see docs/mail-classify-corpus.md).
FLOORS = {"kind": 0.98, "recipients": 0.96, "status": 0.88, "reply_code": 0.93, "reason": 0.83, "hard": 0.90}


def _classify(raw: bytes) -> tuple[MailKind, list]:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    kind, bounce = classify(msg, "\n".join(body_texts(msg)))
    return kind, bounce.recipients if bounce else []


@pytest.fixture(scope="module")
def sisimai(corpus: Path) -> Path:
    return corpus / "sisimai"


def test_bounces_match_sisimai_expectations(sisimai: Path) -> None:
    expected = json.loads((sisimai / "expected.json").read_text())
    score = Score()
    for name, case in sorted(expected.items()):
        raw = (sisimai / "bsd" / name).read_bytes()
        rows = case["expected"]
        for form in (raw, crlf(raw)):
            kind, got = _classify(form)
            score.check("kind", kind is KIND_OF_REASON.get(rows[0]["reason"], MailKind.BOUNCE))
            score.check("recipients", len(got) == len(rows))
            for i, row in enumerate(rows):
                r = got[i] if i < len(got) else None
                score.check("status", r is not None and (r.status or "") == row["deliverystatus"])
                score.check("reply_code", r is not None and (r.reply_code or "") == row["replycode"])
                score.check("reason", r is not None and r.reason == row["reason"])
                score.check("hard", r is not None and r.hard == row["hardbounce"])
    publish("sisimai (bounces, DSNs, ARF)", score, f"{len(expected)} mails with expectations, x2 (LF, CRLF).")
    for field, floor in FLOORS.items():
        assert score.rate(field) >= floor, (field, score.rate(field))


def test_every_bounce_without_expectations_is_machine_mail(sisimai: Path) -> None:
    expected = json.loads((sisimai / "expected.json").read_text())
    for path in sorted((sisimai / "bsd").glob("*.eml")):
        if path.name not in expected:
            kind, _ = _classify(path.read_bytes())
            assert kind.is_machine, path.name


def test_mails_that_are_not_bounces_stay_human(sisimai: Path) -> None:
    for path in sorted((sisimai / "not").glob("*.eml")):
        for form in (path.read_bytes(), crlf(path.read_bytes())):
            kind, got = _classify(form)
            assert kind is MailKind.HUMAN and not got, path.name
