"""sisimai's own answers on the bounces of the other added corpora (tests/corpus/data/sisimai-labels.json).

go-sisimai was run once on the mails of the BounceParser, mail-gem, CPython and php-mime-mail-parser corpora,
and of two bounce handlers' corpora, CwsMailBounceHandler and PHP-Bounce-Handler, each scored in its own
section (tests/corpus/label_with_sisimai.py); this test needs no Go. Each recipient sisimai names is measured
as in test_sisimai_classify.py; a mail sisimai gives no answer for, and which is by itself no report, is
measured as `not a report` (our kind is human or auto-reply, with no failed recipient). CwsMailBounceHandler's
file names say the status its authors expect: where sisimai says the same, ours is measured against it too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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
# Two bounce handlers' corpora sharing mails: a copy takes its first copy's half (see halves_by_content).
TWIN_CORPORA = ("cws-mail-bounce-handler", "php-bounce-handler")
_FILE_STATUS_RE = re.compile(r"^bounce_(\d)(\d)(\d)_")


@dataclass(frozen=True)
class Section:
    """One scoreboard section: the corpora it measures, how many mails must be there, its floors."""

    title: str
    corpora: tuple[str, ...]
    at_least: dict[str, int]
    # Floors a little under what the classifier reaches (see docs/mail-corpus.md).
    floors: dict[str, float]
    what: str


SECTIONS = (
    Section(
        "sisimai labels (added: sisimai's answers on the other corpora's mails)",
        ("bounceparser", "mikel-mail", "cpython-test-email", "php-mime-mail-parser"),
        {"decoded": 100, "not reports": 140},
        {
            "kind": 0.97,
            "recipients": 0.95,
            "status": 0.95,
            "reply_code": 0.95,
            "reason": 0.75,
            "hard": 0.90,
            "not a report": 0.97,
        },
        "the added corpora's mails",
    ),
    Section(
        "cws-mail-bounce-handler (added corpus: bounces labelled by sisimai)",
        ("cws-mail-bounce-handler",),
        {"decoded": 110, "not reports": 1},
        {
            "kind": 0.99,
            "recipients": 0.95,
            "status": 0.97,
            "reply_code": 0.97,
            "reason": 0.95,
            "hard": 0.96,
            "not a report": 1.0,
            "file-name status (sisimai agrees)": 0.97,
        },
        "CwsMailBounceHandler's tests/emls (file names say the status its authors expect)",
    ),
    Section(
        "php-bounce-handler (added corpus: bounces labelled by sisimai)",
        ("php-bounce-handler",),
        {"decoded": 67, "not reports": 0},
        {"kind": 0.99, "recipients": 0.98, "status": 0.96, "reply_code": 0.98, "reason": 0.97, "hard": 0.98},
        "PHP-Bounce-Handler's eml/*.eml (its test driver asks only for an action, a status and a recipient; "
        "65 of them are CwsMailBounceHandler's mails in LF form, each measured in that mail's half)",
    ),
)


def file_name_status(key: str) -> str | None:
    """The status a CwsMailBounceHandler file name says (bounce_511_001.eml: 5.1.1)."""
    m = _FILE_STATUS_RE.match(key.rpartition("/")[2])
    return m and ".".join(m.groups())


def halves_by_content(keys: list[str]) -> dict[str, str]:
    """Each mail's half, a copy of another of these mails (up to line endings) taking the first copy's half.

    PHP-Bounce-Handler's mails are, all but two, CwsMailBounceHandler's in LF form: split apart by file
    name, a held-out copy would be measured on a development mail's answer.
    """
    first: dict[bytes, str] = {}
    for key in sorted(keys):
        first.setdefault(crlf((DATA / key).read_bytes()), key)
    return {key: half_of(first[crlf((DATA / key).read_bytes())]) for key in keys}


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.corpora[0])
def test_bounces_match_sisimai_labels(section: Section) -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    mails = {k: case for k, case in labels["mails"].items() if k.partition("/")[0] in section.corpora}
    left_out = [k for k in labels["left_out"] if k.partition("/")[0] in section.corpora]
    decoded = {key: case["expected"] for key, case in mails.items() if case["expected"]}
    assert len(decoded) >= section.at_least["decoded"]
    assert len(mails) - len(decoded) >= section.at_least["not reports"]
    score, held_out_misses = Score(), 0
    handlers = [k for k in labels["mails"] if k.partition("/")[0] in TWIN_CORPORA]
    halves = {key: half_of(key) for key in mails} | halves_by_content(handlers)
    for key, case in sorted(mails.items()):
        raw, rows, half = (DATA / key).read_bytes(), case["expected"], halves[key]
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
                named = file_name_status(key)
                for i, row in enumerate(rows):
                    r = by_address.get(row["recipient"].lower(), got[i] if i < len(got) else None)
                    found = r and (r.status or "", r.reply_code or "", r.reason, r.hard)
                    want = (row["deliverystatus"], row["replycode"], row["reason"], row["hardbounce"])
                    for field, value, expected in zip(
                        ("status", "reply_code", "reason", "hard"), found or (None,) * 4, want, strict=True
                    ):
                        score.check(field, r is not None and value == expected, half)
                    misses += [] if found == want else [f"{found} != {want}"]
                    if named and row["deliverystatus"] == named:
                        status_ok = r is not None and r.status == named
                        score.check("file-name status (sisimai agrees)", status_ok, half)
            if misses and form is raw and half == HELD_OUT:
                held_out_misses += 1
            elif misses and form is raw:
                score.failures.append(f"{key}: {'; '.join(misses)}")
    commit = labels["labeller"]["commit"][:7]
    publish(
        section.title,
        score,
        f"go-sisimai {commit} ({labels['labeller']['licence']}) run on {section.what} "
        f"(tests/corpus/label_with_sisimai.py): {len(decoded)} mails it decodes, measured as the sisimai "
        f"sample is; {len(mails) - len(decoded)} it gives no answer for and that are no report by "
        f"themselves, as `not a report`; {len(left_out)} left out (it crashes, or cannot read a "
        f"bounce). x2 (LF, CRLF). Listed: development misses only (LF); held-out mails with a miss: "
        f"{held_out_misses}.",
    )
    for field, floor in section.floors.items():
        assert score.rate(field) >= floor, (field, score.rate(field))
