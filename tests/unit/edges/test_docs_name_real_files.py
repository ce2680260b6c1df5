"""Docs that point at a source file point at one that exists (stale "wire this" lists name gone files)."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.support.template_stack import ROOT

pytestmark = pytest.mark.unit

# Served or written per environment, never committed.
GENERATED = {"shared/auth-config.js", ".local/stack.json"}
FILE_IN_BACKTICKS = re.compile(r"`/?([\w.-]+(?:/[\w.-]+)+\.(?:py|js|md|json|yaml|html|css))(?:::\w+)?`")


def _tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return out.split()


def test_every_file_a_doc_names_exists() -> None:
    files = _tracked_files()
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = [
        f"{doc.relative_to(ROOT)}: {path}"
        for doc in docs
        for path in FILE_IN_BACKTICKS.findall(doc.read_text(encoding="utf-8"))
        if path not in GENERATED and not any(f == path or f.endswith("/" + path) for f in files)
    ]
    assert missing == []
