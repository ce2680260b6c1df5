"""Without the public mail corpus the corpus tests skip loudly, and the run says so at its end and how
to fix it; a run that asked for the corpus by name fails instead of passing on skips."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[3]
USES_THE_CORPUS = "def test_reads_the_corpus(corpus):\n    assert corpus.is_dir()\n"


def run_in_a_checkout_without_corpus(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A copy of the test set-up in a folder whose `../shared/corpus` does not exist."""
    tests = tmp_path / "checkout" / "tests"
    (tests / "support").mkdir(parents=True)
    for part in ("__init__.py", "conftest.py", "support/__init__.py", "support/shared_models.py"):
        shutil.copy(ROOT / "tests" / part, tests / part)
    (tests / "test_uses_corpus.py").write_text(USES_THE_CORPUS)
    inherited = ("HELPDESK_CORPUS", "PYTHONPATH", "PYTEST_ADDOPTS")  # as CI runs it: none of the caller's
    clean = {k: v for k, v in os.environ.items() if k not in inherited} | env
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-p", "no:xdist", "tests"]
    return subprocess.run(command, cwd=tests.parent, env=clean, capture_output=True, text=True, timeout=300)


def test_a_run_without_the_corpus_says_so_at_the_end(tmp_path: Path) -> None:
    done = run_in_a_checkout_without_corpus(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    tail = done.stdout.splitlines()[-4:]
    assert any("CORPUS TESTS SKIPPED" in line and "HELPDESK_CORPUS" in line for line in tail), done.stdout
    assert "skipped" in tail[-1]


def test_a_run_that_asked_for_a_missing_corpus_fails(tmp_path: Path) -> None:
    done = run_in_a_checkout_without_corpus(tmp_path, HELPDESK_CORPUS=str(tmp_path / "absent"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 error" in done.stdout.splitlines()[-1] and "no public mail corpus" in done.stdout
