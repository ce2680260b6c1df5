"""The parser's pass rates per corpus, measure and half."""

from __future__ import annotations

from collections import defaultdict

from helpdesk.mail.parser import parse_mail

from tests.corpus.cases import Case
from tests.corpus.compare import score
from tests.corpus.halves import half_of
from tests.corpus.scoreboard import ALL, Score


def run(cases: list[Case]) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for case in cases:
        result = score(parse_mail(case.raw), case.expected)
        board, half = scores[case.corpus], half_of(case.file)
        board.check(ALL, all(result.values()), half)
        for name, ok in result.items():
            board.check(name, ok, half)
        failed = [name for name, ok in result.items() if not ok]
        if failed:
            board.failures.append(f"{case.name} ({case.form}, {half}): {', '.join(failed)}")
    return scores
