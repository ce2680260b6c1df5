"""Pass rates on the public corpora, per measure and per half (development / held-out), kept in docs/."""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

from tests.corpus.halves import DEV, HALVES, HELD_OUT

DOC = Path(__file__).resolve().parents[2] / "docs" / "mail-corpus.md"
ALL = "all fields"


class Score:
    """Counts passes per measure and half; remembers what failed."""

    def __init__(self) -> None:
        self.passed: Counter[tuple[str, str]] = Counter()
        self.total: Counter[tuple[str, str]] = Counter()
        self.failures: list[str] = []

    def check(self, field: str, ok: bool, half: str) -> None:
        assert half in HALVES, half
        self.total[field, half] += 1
        self.passed[field, half] += bool(ok)

    def fields(self) -> list[str]:
        return list(dict.fromkeys(field for field, _ in self.total))

    def count(self, field: str, half: str | None = None) -> tuple[int, int]:
        halves = HALVES if half is None else (half,)
        return sum(self.passed[field, h] for h in halves), sum(self.total[field, h] for h in halves)

    def rate(self, field: str = ALL, half: str | None = None) -> float:
        # Nothing measured is a failure, not a perfect score: an empty or moved corpus must not pass a floor.
        ok, total = self.count(field, half)
        return ok / total if total else 0.0

    def gap(self, field: str) -> float:
        """Held-out minus development, in points: negative means the rule does worse on unseen mail."""
        return 100 * (self.rate(field, HELD_OUT) - self.rate(field, DEV))

    def table(self) -> str:
        rows = ["| measure | development | held-out | gap (points) |", "|---|---:|---:|---:|"]
        for field in self.fields():
            cells = []
            for half in HALVES:
                ok, total = self.count(field, half)
                cells.append(f"{ok}/{total} = {self.rate(field, half):.1%}" if total else "–")
            both = all(self.count(field, h)[1] for h in HALVES)
            rows.append(
                f"| {field} | {' | '.join(cells)} | {self.gap(field):+.1f} |"
                if both
                else f"| {field} | {' | '.join(cells)} | – |"
            )
        return "\n".join(rows)


def publish(corpus: str, score: Score, note: str = "") -> None:
    """Print the table and replace this corpus's section of the doc."""
    section = f"## {corpus}\n\n{note}\n\n{score.table()}\n".replace("\n\n\n", "\n\n")
    if score.failures:
        listed = "\n".join(f"- {f}" for f in score.failures)
        section += (
            f"\n<details><summary>{len(score.failures)} differences</summary>\n\n{listed}\n\n</details>\n"
        )
    print(f"\n{corpus}\n{score.table()}")
    pattern = re.compile(rf"^## {re.escape(corpus)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    # Test workers (-n 2) publish at the same time: one at a time, and never a half-written page to read.
    with open(Path(tempfile.gettempdir()) / "helpdesk-mail-corpus-doc.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        text = DOC.read_text(encoding="utf-8")
        text = (
            pattern.sub(lambda _: section + "\n", text)
            if pattern.search(text)
            else text.rstrip() + "\n\n" + section
        )
        partial = DOC.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text.rstrip() + "\n", encoding="utf-8")
        partial.replace(DOC)


def crlf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
