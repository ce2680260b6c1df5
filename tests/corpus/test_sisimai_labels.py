"""sisimai's own answers on the bounces of the other added corpora (tests/corpus/data/sisimai-labels.json).

go-sisimai was run once on the mails of the BounceParser, mail-gem, CPython and php-mime-mail-parser corpora
(tests/corpus/label_with_sisimai.py); this test needs no Go. Each recipient sisimai names is measured as in
test_sisimai_classify.py; a mail sisimai gives no answer for, and which is by itself no report, is measured
as `not a report` (our kind is human or auto-reply, with no failed recipient).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpdesk.mail.model import MailKind

from tests.corpus.halves import HELD_OUT, half_of
from tests.corpus.scoreboard import Score, crlf, publish
from tests.corpus.test_sisimai_classify import KIND_OF_REASON
from tests.corpus.test_sisimai_classify import _classify as classify_mail

pytestmark = pytest.mark.corpus
DATA = Path(__file__).resolve().parent / "data"
LABELS = DATA / "sisimai-labels.json"
AT_LEAST = {"decoded": 100, "not reports": 140}
# Floors a little under what the classifier reaches (see docs/mail-corpus.md).
FLOORS = {
    "kind": 0.97,
    "recipients": 0.95,
    "status": 0.95,
    "reply_code": 0.95,
    "reason": 0.75,
    "hard": 0.90,
    "not a report": 0.97,
}


def test_bounces_match_sisimai_labels() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    mails = labels["mails"]
    decoded = {key: case["expected"] for key, case in mails.items() if case["expected"]}
    assert len(decoded) >= AT_LEAST["decoded"]
    assert len(mails) - len(decoded) >= AT_LEAST["not reports"]
    score, held_out_misses = Score(), 0
    for key, case in sorted(mails.items()):
        raw, rows, half = (DATA / key).read_bytes(), case["expected"], half_of(key)
        for form in (raw, crlf(raw)):
            kind, got = classify_mail(form)
            misses = []
            if not rows:
                ok = kind in (MailKind.HUMAN, MailKind.AUTO_REPLY) and not got
                score.check("not a report", ok, half)
                misses += [] if ok else [f"not a report: {kind.value}, {[r.address for r in got]}"]
            else:
                want_kind = KIND_OF_REASON.get(rows[0]["reason"], MailKind.BOUNCE)
                score.check("kind", kind is want_kind, half)
                misses += [] if kind is want_kind else [f"kind {kind.value} != {want_kind.value}"]
                addresses = sorted(r.address.lower() for r in got)
                wanted = sorted(row["recipient"].lower() for row in rows)
                score.check("recipients", addresses == wanted, half)
                misses += [] if addresses == wanted else [f"recipients {addresses} != {wanted}"]
                by_address = {r.address.lower(): r for r in got}
                for i, row in enumerate(rows):
                    r = by_address.get(row["recipient"].lower(), got[i] if i < len(got) else None)
                    found = r and (r.status or "", r.reply_code or "", r.reason, r.hard)
                    want = (row["deliverystatus"], row["replycode"], row["reason"], row["hardbounce"])
                    for field, value, expected in zip(
                        ("status", "reply_code", "reason", "hard"), found or (None,) * 4, want, strict=True
                    ):
                        score.check(field, r is not None and value == expected, half)
                    misses += [] if found == want else [f"{found} != {want}"]
            if misses and form is raw and half == HELD_OUT:
                held_out_misses += 1
            elif misses and form is raw:
                score.failures.append(f"{key}: {'; '.join(misses)}")
    commit = labels["labeller"]["commit"][:7]
    publish(
        "sisimai labels (added: sisimai's answers on the other corpora's mails)",
        score,
        f"go-sisimai {commit} ({labels['labeller']['licence']}) run on the added corpora's mails "
        f"(tests/corpus/label_with_sisimai.py): {len(decoded)} mails it decodes, measured as the sisimai "
        f"sample is; {len(mails) - len(decoded)} it gives no answer for and that are no report by "
        f"themselves, as `not a report`; {len(labels['left_out'])} left out (it crashes, or cannot read a "
        f"bounce). x2 (LF, CRLF). Listed: development misses only (LF); held-out mails with a miss: "
        f"{held_out_misses}.",
    )
    for field, floor in FLOORS.items():
        assert score.rate(field) >= floor, (field, score.rate(field))
