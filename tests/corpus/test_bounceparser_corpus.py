"""Perl's Mail::DeliveryStatus::BounceParser test corpus, an added corpus in tests/corpus/data/bounceparser
(converted by tests/corpus/convert_bounceparser.py): bounces of old MTAs, spam rejections, auto-replies and
challenge-responses, against what its .t files assert, in LF and CRLF form.

BounceParser runs on mail that reached a bounce address, so its `is_bounce` is true for anything it does
not recognise as an auto-reply: four of its tests ask `is_bounce` of plain spam or a virus mail while
asserting `reports => 0` (no failed recipient). There we measure only that we name no failed recipient.
"""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path
from typing import Any

import pytest
from helpdesk.mail.classify import classify
from helpdesk.mail.mailparts import body_texts
from helpdesk.mail.model import BounceRecipient, MailKind

from tests.corpus.halves import HELD_OUT, half_of
from tests.corpus.scoreboard import Score, crlf, publish

pytestmark = pytest.mark.corpus
ROOT = Path(__file__).resolve().parent / "data" / "bounceparser"
# BounceParser's std_reason to our reasons (sisimai's names). Each side is what BounceParser's own rules
# put in that class: user_unknown holds 5.1.0/5.1.1 and "no such user", but also "account suspended,
# disabled, discontinued" and "no longer on server" (5.1.6); user_disabled is 5.2.1; domain_error is host
# unknown, 5.1.2, 5.4.4, DNS and connection failures and "relaying denied"; spam holds content filters and
# "Client host blocked using <RBL>". `unknown` (and `no_problemo`) have no counterpart: skipped.
REASONS = {
    "user_unknown": {"userunknown", "suspend", "hasmoved"},
    "user_disabled": {"suspend"},
    "over_quota": {"mailboxfull"},
    "domain_error": {"hostunknown", "networkerror", "norelaying"},
    "spam": {"spamdetected", "blocked"},
    "message_too_large": {"mesgtoobig", "exceedlimit"},
}
# Floors a little under what the classifier reaches (see docs/mail-corpus.md); the todo rows (what the
# Perl module does not meet either, or never checks) have none.
AT_LEAST = {"mails": 120, "expectations": 300}
FLOORS = {"is_bounce": 0.90, "recipients": 0.85, "reason": 0.70, "reply_code": 0.83, "no recipients": 0.95}


def _classify(raw: bytes) -> tuple[MailKind, list[BounceRecipient]]:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    kind, bounce = classify(msg, "\n".join(body_texts(msg)))
    return kind, list(bounce.recipients) if bounce and kind is MailKind.BOUNCE else []


def _verdict(
    e: dict[str, Any], kind: MailKind, got: list[BounceRecipient], no_reports: bool
) -> tuple[str, bool, Any, Any] | None:
    """(measure, passed, what we got, what was expected), or None for an expectation we do not measure:
    reason texts and original message ids, a std_reason with no counterpart, a parser option we lack."""
    field, want, first = e["field"], e["value"], got[0] if got else None
    if "option" in e:
        return None
    if field == "is_bounce" and not no_reports:
        return "is_bounce", (kind is MailKind.BOUNCE) == want, kind.value, "bounce" if want else "no bounce"
    if field == "reports" and want == 0:
        return "no recipients", not got, [r.address for r in got], []
    if field == "smtp_code":
        code = first.reply_code if first else None
        return "reply_code", (code or "")[:3] == want[:3], code, want
    if field == "addresses":
        addresses = sorted(r.address.lower() for r in got)
        return "recipients", addresses == sorted(want), addresses, want
    if field == "min_addresses":
        return "recipients", len(got) >= want, len(got), f">= {want}"
    if field == "std_reason" and want in REASONS:
        reason = first.reason if first else None
        return "reason", reason in REASONS[want], reason, f"{want} ({'/'.join(sorted(REASONS[want]))})"
    return None


def test_bounces_match_bounceparser_expectations() -> None:
    cases = json.loads((ROOT / "expected.json").read_text(encoding="utf-8"))
    assert len(cases) >= AT_LEAST["mails"]
    assert sum(len(c["expect"]) for c in cases.values()) >= AT_LEAST["expectations"]
    score, held_out_misses = Score(), 0
    for name, case in sorted(cases.items()):
        raw, half = (ROOT / name).read_bytes(), half_of(name)
        for form in (raw, crlf(raw)):
            kind, got = _classify(form)
            no_reports = any(e["field"] == "reports" and e["value"] == 0 for e in case["expect"])
            for e in case["expect"]:
                verdict = _verdict(e, kind, got, no_reports)
                if verdict is None:
                    continue
                measure, ok, found, want = verdict
                measure += " (todo in Perl)" if e.get("todo") else ""
                score.check(measure, ok, half)
                if not ok and form is raw and half == HELD_OUT:
                    held_out_misses += 1
                elif not ok and form is raw:
                    score.failures.append(f"{name}: {measure} {found!r} != {want!r}")
    publish(
        "bounceparser (added corpus: bounces, auto-replies)",
        score,
        f"{len(cases)} mails of Perl's Mail::DeliveryStatus::BounceParser tests, x2 (LF, CRLF): `is_bounce` "
        "(our kind is bounce), reply_code (smtp_code, 3 digits), recipients (addresses), reason (std_reason "
        "mapped to ours, see REASONS in tests/corpus/test_bounceparser_corpus.py). The todo rows are what "
        "the Perl module itself does not meet, or never checks. Plain spam and virus mails its tests call "
        "bounces with `reports => 0` are measured as `no recipients` only. Listed: development misses only "
        f"(LF); held-out misses: {held_out_misses}.",
    )
    for field, floor in FLOORS.items():
        assert score.rate(field) >= floor, (field, score.rate(field))
