"""The property: for every mail of every corpus, our subject and addresses are never worse than what Python's
`email` with `policy.default` reads from the same bytes (where it does not raise)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpdesk.mail.parser import parse_mail

from tests.corpus.cases import to_crlf, to_lf
from tests.corpus.stdlib_baseline import stdlib_reading, worse_than_stdlib

pytestmark = pytest.mark.corpus
MAIL_SUFFIXES = (".eml", ".box", ".msg", ".mbox")
EXTRA = Path(__file__).resolve().parent / "data"


def every_mail(corpus: Path) -> list[Path]:
    roots = [corpus, EXTRA]
    return sorted(p for root in roots if root.is_dir() for p in root.rglob("*") if p.suffix in MAIL_SUFFIXES)


def test_subject_and_addresses_never_worse_than_the_stdlib(corpus: Path) -> None:
    mails = every_mail(corpus)
    assert len(mails) > 250
    worse = []
    for path in mails:
        for raw in (to_lf(path.read_bytes()), to_crlf(path.read_bytes())):
            try:
                reading = stdlib_reading(raw)
            except Exception:  # noqa: BLE001 - the property holds where the stdlib does not raise
                continue
            worse += [f"{path.name}: {w}" for w in worse_than_stdlib(parse_mail(raw), reading)]
    assert not worse, "\n".join(worse)
