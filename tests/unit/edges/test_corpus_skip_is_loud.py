"""Without the public mail corpus the corpus tests skip, and the run says so at its end, and how to fix it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[3]


def test_a_run_without_the_corpus_says_so_at_the_end(tmp_path: Path) -> None:
    env = os.environ | {"HELPDESK_CORPUS": str(tmp_path / "absent")}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-p", "no:xdist"]
    command += ["-m", "corpus", "tests/corpus/test_discourse_trim.py"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    tail = done.stdout.splitlines()[-4:]
    assert any("CORPUS TESTS SKIPPED" in line and "HELPDESK_CORPUS" in line for line in tail), done.stdout
    assert "skipped" in tail[-1]
