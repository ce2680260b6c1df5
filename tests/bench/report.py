"""Writes one benchmark's results into its own section of docs/performance.md."""

from __future__ import annotations

import platform
import re
import time
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "performance.md"


def write_section(title: str, body: str) -> None:
    DOC.parent.mkdir(exist_ok=True)
    text = (
        DOC.read_text()
        if DOC.exists()
        else "# Performance\n\nMeasured by `make bench` (scripts in tests/bench/).\n"
    )
    stamp = (
        f"_Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python {platform.python_version()}._"
    )
    section = f"<!-- bench:{title} -->\n## {title}\n\n{stamp}\n\n{body.strip()}\n<!-- /bench:{title} -->"
    pattern = re.compile(rf"<!-- bench:{re.escape(title)} -->.*?<!-- /bench:{re.escape(title)} -->", re.S)
    text = (
        pattern.sub(lambda _: section, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + section + "\n"
    )
    DOC.write_text(text)
