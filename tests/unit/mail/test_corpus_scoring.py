"""The corpus tests' own arithmetic: measuring nothing must never pass a floor."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.conftest import corpus_was_asked_for
from tests.corpus.report import Tally, run
from tests.corpus.scoreboard import Score

pytestmark = pytest.mark.unit


def test_an_empty_corpus_scores_zero_not_full_marks() -> None:
    tallies = run([])
    assert tallies["zammad"].rate() == 0.0
    assert tallies["zammad"].rate("subject") == 0.0
    assert Score().rate("kind") == 0.0


def test_a_measured_corpus_scores_its_pass_rate() -> None:
    tally = Tally(cases=4, passed=3)
    tally.fields["subject"] = [1, 2]
    assert tally.rate() == 0.75 and tally.rate("subject") == 0.5


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
