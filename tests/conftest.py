"""Shared fixtures: repository paths, the public mail corpora, AWS credentials that never reach AWS."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("HELPDESK_CORPUS", ROOT.parent / "shared" / "corpus"))

# No test may ever talk to real AWS.
for _key, _value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_REGION": "eu-central-1",
}.items():
    os.environ[_key] = _value


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus(request: pytest.FixtureRequest) -> Path:
    if not CORPUS.is_dir():
        missing = f"public mail corpus not found at {CORPUS}"
        if corpus_was_asked_for(request.config):
            pytest.fail(f"{missing}: HELPDESK_CORPUS or `-m corpus` asked for it")
        pytest.skip(f"!!! {missing}: the corpus tests did NOT run (set HELPDESK_CORPUS) !!!")
    return CORPUS


def corpus_was_asked_for(config: pytest.Config) -> bool:
    """Asked for by name: then a missing corpus is a failure, not a skip that looks like a pass."""
    marks = str(config.getoption("markexpr", "") or "")
    return "HELPDESK_CORPUS" in os.environ or ("corpus" in marks and "not corpus" not in marks)
