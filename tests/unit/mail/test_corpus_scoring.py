"""The corpus tests' own arithmetic: measuring nothing must never pass a floor."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.conftest import corpus_was_asked_for
from tests.corpus.halves import DEV, HELD_OUT, half_of
from tests.corpus.report import run
from tests.corpus.scoreboard import Score

pytestmark = pytest.mark.unit


def test_an_empty_corpus_scores_zero_not_full_marks() -> None:
    scores = run([])
    assert scores["zammad"].rate() == 0.0
    assert scores["zammad"].rate("subject", DEV) == 0.0
    assert Score().gap("kind") == 0.0


def test_a_measured_corpus_scores_its_pass_rate_per_half() -> None:
    score = Score()
    for ok, half in ((True, DEV), (True, DEV), (True, HELD_OUT), (False, HELD_OUT)):
        score.check("subject", ok, half)
    assert score.rate("subject") == 0.75
    assert score.rate("subject", DEV) == 1.0 and score.rate("subject", HELD_OUT) == 0.5
    assert score.gap("subject") == -50.0
    assert "| subject | 2/2 = 100.0% | 1/2 = 50.0% | -50.0 |" in score.table()


def test_the_split_is_by_file_name_and_near_even() -> None:
    names = [f"mail{i:03}.box" for i in range(400)]
    halves = [half_of(n) for n in names]
    assert halves == [half_of(n) for n in names]
    assert 160 < halves.count(DEV) < 240
    assert half_of("legacy/026.eml") in (DEV, HELD_OUT)


@pytest.mark.parametrize(
    ("markexpr", "env", "asked"),
    [("corpus", {}, True), ("unit or corpus", {}, True), ("not bench", {}, False), ("not corpus", {}, False),
     ("not bench", {"HELPDESK_CORPUS": "/x"}, True)],
)  # fmt: skip
def test_a_missing_corpus_fails_when_it_was_asked_for(
    markexpr: str, env: dict[str, str], asked: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HELPDESK_CORPUS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = SimpleNamespace(getoption=lambda name, default=None: markexpr)
    assert corpus_was_asked_for(config) is asked  # type: ignore[arg-type]
