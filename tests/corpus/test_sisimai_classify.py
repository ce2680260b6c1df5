"""The sisimai set: bounces, DSNs and feedback reports of ~60 mail systems, and mail that is no bounce."""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path

import pytest
from helpdesk.mail.classify import classify
from helpdesk.mail.mailparts import body_texts
from helpdesk.mail.model import MailKind

from tests.corpus.halves import half_of
from tests.corpus.scoreboard import Score, crlf, publish

pytestmark = pytest.mark.corpus

KIND_OF_REASON = {
    "feedback": MailKind.FEEDBACK_REPORT,
    "delivered": MailKind.DELIVERY_REPORT,
    "vacation": MailKind.AUTO_REPLY,
}
# Floors a little under what the classifier reaches on the sample (see docs/mail-corpus.md).
# The sample as fetched (corpus/sisimai/SOURCE.txt): a loop over a listing that found fewer proves nothing.
AT_LEAST = {"with expectations": 200, "without expectations": 5, "not bounces": 2}
FLOORS = {"kind": 0.98, "recipients": 0.97, "status": 0.97, "reply_code": 0.97, "reason": 0.88, "hard": 0.94}


# A few samples are mbox files holding two mails; sisimai's expectations count the recipients of both.
_MBOX_FROM_RE = re.compile(rb"(?m)^From \S+ +\w{3} \w{3} +\d")


def _classify(raw: bytes) -> tuple[MailKind, list]:
    starts = [m.start() for m in _MBOX_FROM_RE.finditer(raw)] or [0]
    mails = [raw[a:b] for a, b in zip([0, *starts[1:]], [*starts[1:], len(raw)], strict=True)]
    kinds, recipients = [], []
    for mail in mails:
        msg = email.message_from_bytes(mail, policy=email.policy.default)
        kind, bounce = classify(msg, "\n".join(body_texts(msg)))
        kinds.append(kind)
        recipients.extend(bounce.recipients if bounce else [])
    return kinds[0], recipients


@pytest.fixture(scope="module")
def sisimai(corpus: Path) -> Path:
    return corpus / "sisimai"


def test_bounces_match_sisimai_expectations(sisimai: Path) -> None:
    expected = json.loads((sisimai / "expected.json").read_text())
    assert len(expected) >= AT_LEAST["with expectations"]
    score = Score()
    for name, case in sorted(expected.items()):
        raw = (sisimai / "bsd" / name).read_bytes()
        rows = case["expected"]
        half = half_of(f"bsd/{name}")
        for form in (raw, crlf(raw)):
            kind, got = _classify(form)
            score.check("kind", kind is KIND_OF_REASON.get(rows[0]["reason"], MailKind.BOUNCE), half)
            score.check("recipients", len(got) == len(rows), half)
            for i, row in enumerate(rows):
                r = got[i] if i < len(got) else None
                score.check("status", r is not None and (r.status or "") == row["deliverystatus"], half)
                score.check("reply_code", r is not None and (r.reply_code or "") == row["replycode"], half)
                score.check("reason", r is not None and r.reason == row["reason"], half)
                score.check("hard", r is not None and r.hard == row["hardbounce"], half)
                wanted = (row["deliverystatus"], row["reason"])
                if form is raw and (r is None or (r.status or "", r.reason) != wanted):
                    score.failures.append(f"{name} ({half}): {r and (r.status, r.reason)} != {wanted}")
    publish("sisimai (bounces, DSNs, ARF)", score, f"{len(expected)} mails with expectations, x2 (LF, CRLF).")
    for field, floor in FLOORS.items():
        assert score.rate(field) >= floor, (field, score.rate(field))


def test_every_bounce_without_expectations_is_machine_mail(sisimai: Path) -> None:
    expected = json.loads((sisimai / "expected.json").read_text())
    unlabelled = [p for p in sorted((sisimai / "bsd").glob("*.eml")) if p.name not in expected]
    assert len(unlabelled) >= AT_LEAST["without expectations"]
    human = [path.name for path in unlabelled if not _classify(path.read_bytes())[0].is_machine]
    assert human == []


def test_mails_that_are_not_bounces_stay_human(sisimai: Path) -> None:
    mails = sorted((sisimai / "not").glob("*.eml"))
    assert len(mails) >= AT_LEAST["not bounces"]
    for path in mails:
        for form in (path.read_bytes(), crlf(path.read_bytes())):
            kind, got = _classify(form)
            assert kind is MailKind.HUMAN and not got, path.name
